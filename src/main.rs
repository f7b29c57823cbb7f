use clap::Parser;

fn main() {
    let cli = rungs::cli::Cli::parse();
    if let Err(err) = rungs::commands::run(cli) {
        eprintln!("rungs: {err:#}");
        std::process::exit(rungs::error::exit_code(&err));
    }
}
