fn rss() -> usize {
    let s = std::fs::read_to_string("/proc/self/statm").unwrap();
    s.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<usize>()
        .unwrap()
        * 4096
        / 1024
}
fn main() {
    for fam in unchrome::strip::families::FAMILIES {
        let before = rss();
        let t = std::time::Instant::now();
        let m = unchrome::strip::families::FamilyMatcher::new(fam);
        let _ = m.matches("hello world");
        println!(
            "{:12} +{:6} KB  {:?}",
            fam.name,
            rss() - before,
            t.elapsed()
        );
        std::mem::forget(m);
    }
}
