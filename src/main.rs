//! `ordos`: the game, and its command line.

mod cli;
mod events_json;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        // Until the game client lands: the scenarios, and how to play them headless.
        println!("Ordos — a wargame of the Song–Xia wars (982–1119)\n\nScenarios:");
        let _ = cli::run(&["list".to_string()]);
        println!("\nPlay one headless: ordos sim haoshuichuan-1041 --seed 7\nMore: ordos help");
        return ExitCode::SUCCESS;
    }
    cli::run(&args)
}
