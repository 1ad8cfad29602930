//! Metadata an HTML page states: JSON-LD, OpenGraph and `article:*` meta,
//! Twitter cards, Dublin Core, `<meta name=author>`, `<html lang>` and the
//! canonical link, in that order of trust. Malformed JSON-LD is skipped.

use serde_json::Value;

use crate::document::HtmlMeta;

/// JSON-LD `@type`s that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "report",
    "socialmediaposting",
    "liveblogposting",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "posting",
    "webpage",
];
/// How many JSON values the JSON-LD walk visits at most.
const JSON_LD_MAX_VALUES: usize = 10_000;

/// One field's value and where it came from.
pub type Sourced = Option<(String, &'static str)>;

/// The metadata fields, each with its provenance.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    /// Headline.
    pub title: Sourced,
    /// Raw author string(s), to be cleaned.
    pub author: Sourced,
    /// Publication date, raw.
    pub date: Sourced,
    /// Site name.
    pub site_name: Sourced,
    /// Language tag.
    pub language: Sourced,
    /// Canonical URL.
    pub url: Sourced,
    /// Description.
    pub description: Sourced,
}

/// The article fields of the page's JSON-LD.
#[derive(Clone, Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
    url: Option<String>,
    description: Option<String>,
}

/// Reads the metadata of an HTML page.
pub fn read(meta: &HtmlMeta) -> Meta {
    let ld = json_ld(&meta.json_ld);
    let pick = |candidates: &[(Option<String>, &'static str)]| -> Sourced {
        candidates
            .iter()
            .find_map(|(v, s)| v.clone().filter(|v| !v.trim().is_empty()).map(|v| (v, *s)))
    };
    let m = |names: &[&str]| meta.meta(names).map(str::to_string);
    let not_url = |v: Option<String>| v.filter(|v| !v.starts_with("http") && !v.starts_with('@'));
    Meta {
        title: pick(&[
            (m(&["og:title"]), "og:title"),
            (ld.headline.clone(), "json-ld"),
            (m(&["twitter:title"]), "twitter:title"),
            (m(&["dc.title", "dcterms.title"]), "dublin-core"),
            (m(&["headline"]), "microdata"),
        ]),
        author: pick(&[
            (
                (!ld.authors.is_empty()).then(|| ld.authors.join("; ")),
                "json-ld",
            ),
            (not_url(m(&["article:author"])), "meta:article:author"),
            (not_url(m(&["author"])), "meta:author"),
            (m(&["dc.creator", "dcterms.creator"]), "dublin-core"),
            (m(&["parsely-author", "sailthru.author", "byl"]), "meta"),
        ]),
        date: pick(&[
            (ld.date.clone(), "json-ld"),
            (
                m(&["article:published_time"]),
                "meta:article:published_time",
            ),
            (
                m(&["datepublished", "og:published_time", "published_time"]),
                "meta:datepublished",
            ),
            (
                m(&[
                    "dc.date.issued",
                    "dcterms.issued",
                    "dc.date",
                    "dcterms.date",
                ]),
                "dublin-core",
            ),
            (
                m(&[
                    "date",
                    "pubdate",
                    "publishdate",
                    "parsely-pub-date",
                    "sailthru.date",
                ]),
                "meta:date",
            ),
        ]),
        site_name: pick(&[
            (m(&["og:site_name"]), "og:site_name"),
            (ld.publisher.clone(), "json-ld"),
            (m(&["application-name"]), "meta:application-name"),
        ]),
        language: pick(&[
            (meta.lang.clone(), "html-lang"),
            (ld.language.clone(), "json-ld"),
            (m(&["og:locale"]).map(|l| l.replace('_', "-")), "og:locale"),
            (
                m(&["dc.language", "content-language", "language"]),
                "meta:language",
            ),
        ]),
        url: pick(&[
            (meta.canonical.clone(), "canonical"),
            (m(&["og:url"]), "og:url"),
            (ld.url.clone(), "json-ld"),
        ]),
        description: pick(&[
            (m(&["og:description"]), "og:description"),
            (ld.description.clone(), "json-ld"),
            (m(&["description"]), "meta:description"),
            (m(&["twitter:description"]), "twitter:description"),
        ]),
    }
}

/// The first article object in the page's JSON-LD scripts (walking `@graph`
/// and arrays iteratively); malformed scripts are skipped.
fn json_ld(scripts: &[String]) -> JsonLd {
    let mut found = JsonLd::default();
    for script in scripts {
        let Ok(value) = serde_json::from_str::<Value>(unwrap_script(script)) else {
            continue;
        };
        let mut stack = vec![&value];
        let mut visited = 0;
        while let Some(v) = stack.pop() {
            visited += 1;
            if visited > JSON_LD_MAX_VALUES {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(obj) => {
                    if is_article(obj.get("@type")) && found.headline.is_none() {
                        fill(&mut found, obj);
                    }
                    if let Some(graph) = obj.get("@graph") {
                        stack.push(graph);
                    }
                }
                _ => {}
            }
        }
        if found.headline.is_some() {
            break;
        }
    }
    found
}

/// The JSON inside a script body, without the `<![CDATA[ … ]]>` or
/// `<!-- … -->` wrappers (and their `//` comment forms) pages put around it.
fn unwrap_script(script: &str) -> &str {
    let mut t = script.trim();
    for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
        let lead = t.strip_prefix("//").unwrap_or(t).trim_start();
        if let Some(rest) = lead.strip_prefix(open) {
            t = rest.trim();
            if let Some(body) = t.strip_suffix(close) {
                t = body.trim();
                t = t.strip_suffix("//").unwrap_or(t).trim();
            }
        }
    }
    t
}

fn is_article(ty: Option<&Value>) -> bool {
    match ty {
        Some(Value::String(s)) => ARTICLE_TYPES.contains(&s.to_ascii_lowercase().as_str()),
        Some(Value::Array(items)) => items.iter().any(|i| is_article(Some(i))),
        _ => false,
    }
}

fn fill(found: &mut JsonLd, obj: &serde_json::Map<String, Value>) {
    let text = |key: &str| obj.get(key).and_then(as_text);
    found.headline = text("headline").or_else(|| text("name"));
    found.date = text("datePublished").or_else(|| text("dateCreated"));
    found.language = text("inLanguage");
    found.description = text("description");
    found.url = text("url").or_else(|| {
        obj.get("mainEntityOfPage")
            .and_then(|m| m.get("@id"))
            .and_then(as_text)
    });
    found.publisher = obj
        .get("publisher")
        .and_then(|p| p.get("name"))
        .and_then(as_text);
    if let Some(author) = obj.get("author").or_else(|| obj.get("creator")) {
        let items: Vec<&Value> = match author {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            let name = match item {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("name").and_then(as_text),
                _ => None,
            };
            if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
                found.authors.push(name.trim().to_string());
            }
        }
    }
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Array(items) => items.first().and_then(as_text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_graph_arrays_and_nested_authors() {
        let mut meta = HtmlMeta::default();
        meta.json_ld.push("{not json".into());
        meta.json_ld.push(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},
            {"@type":["NewsArticle"],"headline":"H","datePublished":"2021-10-24T08:00:00+02:00",
             "author":[{"@type":"Person","name":"A One"},{"name":"B Two"}],"publisher":{"name":"Pub"}}]}"#
                .into(),
        );
        let m = read(&meta);
        assert_eq!(m.title, Some(("H".into(), "json-ld")));
        assert_eq!(m.author, Some(("A One; B Two".into(), "json-ld")));
        assert_eq!(m.site_name, Some(("Pub".into(), "json-ld")));
        assert_eq!(
            m.date.map(|d| d.0),
            Some("2021-10-24T08:00:00+02:00".into())
        );
    }

    #[test]
    fn json_ld_inside_cdata_or_comments() {
        let mut meta = HtmlMeta::default();
        meta.json_ld.push("<![CDATA[ {\"@type\":\"NewsArticle\",\"headline\":\"H\",\"author\":{\"name\":\"A B\"}} ]]>".into());
        assert_eq!(read(&meta).author, Some(("A B".into(), "json-ld")));
        let mut meta = HtmlMeta::default();
        meta.json_ld
            .push("//<!--\n{\"@type\":\"Article\",\"headline\":\"H2\"}\n//-->".into());
        assert_eq!(read(&meta).title, Some(("H2".into(), "json-ld")));
    }

    #[test]
    fn meta_tags_in_order_of_trust() {
        let mut meta = HtmlMeta::default();
        meta.metas
            .push(("author".into(), "https://example.org/jo".into()));
        meta.metas.push(("dc.creator".into(), "Jo Bloggs".into()));
        meta.metas.push(("og:site_name".into(), "Site".into()));
        meta.lang = Some("en".into());
        let m = read(&meta);
        assert_eq!(m.author, Some(("Jo Bloggs".into(), "dublin-core")));
        assert_eq!(m.site_name, Some(("Site".into(), "og:site_name")));
        assert_eq!(m.language, Some(("en".into(), "html-lang")));
    }
}
