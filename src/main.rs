use clap::Parser;

fn main() {
    rungs::commands::output::install_panic_hook();
    let cli = rungs::cli::Cli::parse();
    if let Err(err) = rungs::commands::run(cli) {
        rungs::commands::output::eprintln(format_args!("rungs: {err:#}"));
        std::process::exit(rungs::error::exit_code(&err));
    }
}
