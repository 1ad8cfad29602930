//! The unchrome command line: a thin front end over the library.

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let config = unchrome::Config::default();
    let input = match unchrome::source::read_file(std::path::Path::new(&path), config.max_bytes) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("unchrome: {e}");
            std::process::exit(1);
        }
    };
    match unchrome::clean_input(&input, &config) {
        Ok(page) => println!(
            "{}",
            serde_json::to_string_pretty(&page).unwrap_or_default()
        ),
        Err(e) => {
            eprintln!("unchrome: {e}");
            std::process::exit(1);
        }
    }
}
