fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let b = std::fs::read(e.unwrap().path()).unwrap();
        let d = unchrome::decode::decode(&b, None, unchrome::InputFormat::Auto).unwrap();
        let doc = unchrome::document::html::parse(&d.text);
        for b in doc.blocks {
            if b.words <= 30 {
                texts.push((b.text, b.words));
            }
        }
    }
    let bytes: usize = texts.iter().map(|t| t.0.len()).sum();
    for round in 0..4 {
        let t = std::time::Instant::now();
        let mut hits = 0;
        for (s, w) in &texts {
            if unchrome::strip::families::classify(s, *w).is_some() {
                hits += 1;
            }
        }
        let e = t.elapsed().as_secs_f64();
        println!(
            "round {round}: {} texts, {} bytes, {:.0} ns/text, {:.1} ns/byte, hits {hits}",
            texts.len(),
            bytes,
            e * 1e9 / texts.len() as f64,
            e * 1e9 / bytes as f64
        );
    }
}
