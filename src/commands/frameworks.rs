use anyhow::Result;

use crate::store::Paths;

pub fn run(paths: &Paths) -> Result<()> {
    let _ = paths;
    anyhow::bail!("`frameworks` is being built")
}
