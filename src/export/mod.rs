//! Profile + framework → markdown, JSON and CSV summaries.

// Replaced by the export work at merge.
pub fn markdown_of(
    profile: &crate::model::Profile,
    framework: &crate::model::Framework,
) -> anyhow::Result<String> {
    let _ = (profile, framework);
    anyhow::bail!("export is being built")
}
