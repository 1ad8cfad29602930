fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let (mut total, mut short, mut pages, mut uniq) = (0usize, 0usize, 0usize, 0usize);
    for e in std::fs::read_dir(dir).unwrap() {
        let b = std::fs::read(e.unwrap().path()).unwrap();
        let d = unchrome::decode::decode(&b, None, unchrome::InputFormat::Auto).unwrap();
        let doc = unchrome::document::html::parse(&d.text);
        pages += 1;
        total += doc.blocks.len();
        let mut set = std::collections::HashSet::new();
        for b in &doc.blocks {
            if b.words <= 30 {
                short += 1;
                set.insert(b.text.clone());
            }
        }
        uniq += set.len();
    }
    println!(
        "pages {pages} blocks/page {:.0} short/page {:.0} unique short/page {:.0}",
        total as f64 / pages as f64,
        short as f64 / pages as f64,
        uniq as f64 / pages as f64
    );
}
