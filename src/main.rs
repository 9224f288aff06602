//! `ordos`: with no arguments, the game; otherwise the command line (`ordos help`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first() {
        None => ordos::app::run(),
        Some(_) => ordos::cli::run(&args),
    }
}
