//! Each HTML metadata source on its own: the value it gives and the
//! provenance `--explain` reports for it, on an invented article page. The
//! order of trust between sources is tested in `structure::meta`.

use unchrome::{Config, Page};

/// Three paragraphs of invented prose under an optional headline.
const PROSE: &str = "<p>The harbour committee met on Tuesday evening to discuss the state \
of the old stone pier, which has been closed to visitors since the winter storms broke part \
of its outer wall.</p><p>Engineers told the committee that repairs would take at least four \
months and would need a crane brought in by barge, because the access road is too narrow for \
heavy vehicles.</p><p>Several fishermen who use the pier every morning asked whether a \
temporary walkway could be built, and the committee agreed to look into the cost before its \
next meeting in the spring.</p>";

const HEADLINE: &str = "Pier repairs to take four months";

/// A page with `head` in its `<head>`, `html_attrs` on `<html>`, and
/// `header` between the headline (when `h1`) and the prose.
fn page(html_attrs: &str, head: &str, h1: bool, header: &str) -> Page {
    let h1 = if h1 {
        format!("<h1>{HEADLINE}</h1>")
    } else {
        String::new()
    };
    let html = format!(
        "<!doctype html><html{html_attrs}><head><title>{HEADLINE} | Harbour Gazette</title>{head}\
         </head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article>{h1}{header}{PROSE}</article></body></html>"
    );
    let config = Config {
        explain: true,
        ..Config::default()
    };
    unchrome::clean(html.as_bytes(), &config).expect("an HTML page cleans")
}

/// The provenance of each field, as `--explain` reports it.
fn source(page: &Page, field: &str) -> Option<String> {
    let provenance = serde_json::to_value(page.provenance.as_ref()?).ok()?;
    provenance.get(field)?.as_str().map(str::to_string)
}

/// No metadata field leaks into the body, which is the three paragraphs.
fn assert_body_is_the_prose(page: &Page) {
    assert_eq!(page.body.len(), 3, "{:?}", page.body);
    assert!(page.body[0].text.starts_with("The harbour committee"));
}

#[test]
fn json_ld_news_article_with_an_author_object() {
    let p = page(
        "",
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"Pier repairs to take four months","datePublished":"2023-03-14T09:30:00+01:00",
        "author":{"@type":"Person","name":"Marta Kowalska"},
        "publisher":{"@type":"Organization","name":"Harbour Gazette"}}</script>"#,
        false,
        "",
    );
    assert_eq!(p.title.as_deref(), Some(HEADLINE));
    assert_eq!(source(&p, "title").as_deref(), Some("json-ld"));
    assert_eq!(p.author.as_deref(), Some("Marta Kowalska"));
    assert_eq!(source(&p, "author").as_deref(), Some("json-ld"));
    assert_eq!(p.date.as_deref(), Some("2023-03-14T09:30:00+01:00"));
    assert_eq!(p.site_name.as_deref(), Some("Harbour Gazette"));
    assert_eq!(source(&p, "site_name").as_deref(), Some("json-ld"));
    assert_body_is_the_prose(&p);
}

#[test]
fn json_ld_graph_with_a_blog_posting_and_an_author_array() {
    let p = page(
        "",
        r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Harbour Gazette"},
        {"@type":"BlogPosting","headline":"Pier repairs","datePublished":"2023-03-14",
        "author":[{"name":"Ana Ruiz"},{"name":"Li Wei"}]}]}</script>"#,
        true,
        "",
    );
    assert_eq!(p.author.as_deref(), Some("Ana Ruiz; Li Wei"));
    assert_eq!(source(&p, "author").as_deref(), Some("json-ld"));
    assert_eq!(p.date.as_deref(), Some("2023-03-14"));
    assert_eq!(source(&p, "date").as_deref(), Some("json-ld"));
}

#[test]
fn malformed_json_ld_is_skipped_for_the_next_source() {
    let p = page(
        "",
        r#"<script type="application/ld+json">{"@type":"NewsArticle", "headline": </script>
        <meta property="og:title" content="Pier repairs to take four months">"#,
        false,
        "",
    );
    assert_eq!(p.title.as_deref(), Some(HEADLINE));
    assert_eq!(source(&p, "title").as_deref(), Some("og:title"));
    assert_body_is_the_prose(&p);
}

#[test]
fn open_graph_and_article_meta() {
    let p = page(
        "",
        r#"<meta property="og:title" content="Pier repairs to take four months">
        <meta property="article:published_time" content="2023-03-14T09:30:00Z">
        <meta property="article:author" content="Marta Kowalska">
        <meta property="og:site_name" content="Harbour Gazette">
        <meta property="og:locale" content="en_GB">
        <meta property="og:url" content="https://news.example/pier">"#,
        false,
        "",
    );
    assert_eq!(source(&p, "title").as_deref(), Some("og:title"));
    assert_eq!(p.author.as_deref(), Some("Marta Kowalska"));
    assert_eq!(source(&p, "author").as_deref(), Some("meta:article:author"));
    assert_eq!(p.date.as_deref(), Some("2023-03-14T09:30:00+00:00"));
    assert_eq!(
        source(&p, "date").as_deref(),
        Some("meta:article:published_time")
    );
    assert_eq!(p.site_name.as_deref(), Some("Harbour Gazette"));
    assert_eq!(p.language.as_deref(), Some("en-GB"));
    assert_eq!(source(&p, "language").as_deref(), Some("og:locale"));
    assert_eq!(p.url.as_deref(), Some("https://news.example/pier"));
    assert_eq!(source(&p, "url").as_deref(), Some("og:url"));
}

#[test]
fn twitter_card_title() {
    let p = page(
        "",
        r#"<meta name="twitter:title" content="Pier repairs to take four months">"#,
        false,
        "",
    );
    assert_eq!(p.title.as_deref(), Some(HEADLINE));
    assert_eq!(source(&p, "title").as_deref(), Some("twitter:title"));
}

#[test]
fn dublin_core() {
    let p = page(
        "",
        r#"<meta name="DC.creator" content="Marta Kowalska"><meta name="DC.date" content="2023-03-14">"#,
        true,
        "",
    );
    assert_eq!(p.author.as_deref(), Some("Marta Kowalska"));
    assert_eq!(source(&p, "author").as_deref(), Some("dublin-core"));
    assert_eq!(p.date.as_deref(), Some("2023-03-14"));
    assert_eq!(source(&p, "date").as_deref(), Some("dublin-core"));
}

#[test]
fn meta_name_author() {
    let p = page(
        "",
        r#"<meta name="author" content="Marta Kowalska">"#,
        true,
        "",
    );
    assert_eq!(p.author.as_deref(), Some("Marta Kowalska"));
    assert_eq!(source(&p, "author").as_deref(), Some("meta:author"));
}

#[test]
fn rel_author_link() {
    let p = page(
        "",
        "",
        true,
        r#"<p class="meta">Words: <a rel="author" href="/people/mk">Marta Kowalska</a></p>"#,
    );
    assert_eq!(p.author.as_deref(), Some("Marta Kowalska"));
    assert_eq!(source(&p, "author").as_deref(), Some("byline-element"));
    assert_body_is_the_prose(&p);
}

#[test]
fn itemprop_microdata() {
    let p = page(
        "",
        "",
        true,
        r#"<span itemprop="author">Marta Kowalska</span><meta itemprop="datePublished" content="2023-03-14">"#,
    );
    assert_eq!(p.author.as_deref(), Some("Marta Kowalska"));
    assert_eq!(p.date.as_deref(), Some("2023-03-14"));
    assert_body_is_the_prose(&p);
}

#[test]
fn byline_element_is_cleaned_of_by_and_role() {
    let p = page(
        "",
        "",
        true,
        r#"<div class="byline">By Marta Kowalska, Staff Writer</div>"#,
    );
    assert_eq!(p.author.as_deref(), Some("Marta Kowalska"));
    assert_eq!(source(&p, "author").as_deref(), Some("byline-element"));
    assert_body_is_the_prose(&p);
}

#[test]
fn time_element_datetime() {
    let p = page(
        "",
        "",
        true,
        r#"<time datetime="2023-03-14T09:30:00+01:00">14 March</time>"#,
    );
    assert_eq!(p.date.as_deref(), Some("2023-03-14T09:30:00+01:00"));
    assert_eq!(source(&p, "date").as_deref(), Some("time"));
    assert_body_is_the_prose(&p);
}

#[test]
fn html_lang_and_canonical_link() {
    let p = page(
        " lang=\"en-GB\"",
        r#"<link rel="canonical" href="https://news.example/pier-repairs">"#,
        true,
        "",
    );
    assert_eq!(p.language.as_deref(), Some("en-GB"));
    assert_eq!(source(&p, "language").as_deref(), Some("html-lang"));
    assert_eq!(p.url.as_deref(), Some("https://news.example/pier-repairs"));
    assert_eq!(source(&p, "url").as_deref(), Some("canonical"));
}

#[test]
fn without_metadata_nothing_is_guessed() {
    let p = page("", "", true, "");
    assert_eq!(p.author, None);
    assert_eq!(p.date, None);
    assert_eq!(p.title.as_deref(), Some(HEADLINE));
    assert_eq!(source(&p, "title").as_deref(), Some("h1"));
}
