fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let b = std::fs::read(&p).unwrap();
        pages.push((p, b));
    }
    let cfg = unchrome::Config::default();
    for round in 0..3 {
        let t = std::time::Instant::now();
        let mut n = 0usize;
        for (_, b) in &pages {
            let s = String::from_utf8_lossy(b);
            let h = scraper::Html::parse_document(&s);
            for t in h.root_element().text() {
                n += t.len();
            }
        }
        let parse = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        for (_, b) in &pages {
            let _ = unchrome::clean(b, &cfg);
        }
        let full = t.elapsed().as_secs_f64();
        println!(
            "round {round}: parse-only {:.1} p/s, full {:.1} p/s, ratio {:.2} ({n})",
            pages.len() as f64 / parse,
            pages.len() as f64 / full,
            parse / full
        );
    }
}
