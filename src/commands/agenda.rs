pub fn run(_: crate::cli::AgendaArgs, _: &crate::store::Paths) -> anyhow::Result<()> { Ok(()) }
