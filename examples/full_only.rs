fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        pages.push(std::fs::read(e.unwrap().path()).unwrap());
    }
    let cfg = unchrome::Config::default();
    for _ in 0..20 {
        for b in &pages {
            let _ = unchrome::clean(b, &cfg);
        }
    }
}
