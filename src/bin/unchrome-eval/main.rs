//! unchrome-eval: scores unchrome against benchmark folders. (Placeholder.)

fn main() {}
