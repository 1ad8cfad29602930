use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        pages.push(std::fs::read(e.unwrap().path()).unwrap());
    }
    let cfg = unchrome::Config::default();
    for b in &pages {
        let _ = unchrome::clean(b, &cfg);
    } // warm
    let (mut td, mut tp, mut tw, mut ts, mut tb) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for _ in 0..3 {
        for b in &pages {
            let t = Instant::now();
            let d = unchrome::decode::decode(b, None, unchrome::InputFormat::Auto).unwrap();
            td += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let h = scraper::Html::parse_document(&d.text);
            tp += t.elapsed().as_secs_f64();
            drop(h);
            let t = Instant::now();
            let doc = unchrome::document::html::parse(&d.text);
            tw += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let s = unchrome::strip::strip(&doc, &cfg);
            ts += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let _p = unchrome::structure::build(&doc, s, &cfg, None);
            tb += t.elapsed().as_secs_f64();
        }
    }
    let n = (pages.len() * 3) as f64 * 1e-3;
    println!("ms/page: decode {:.3} parse {:.3} parse+walk {:.3} (walk {:.3}) strip {:.3} structure {:.3}", td/n, tp/n, tw/n, (tw-tp)/n, ts/n, tb/n);
}
