//! The guard against memorising one page: the seed's chrome is rewritten at
//! test time with other members of each family — other weather readings,
//! date lines, advert labels, plugin credits, widget headings, breadcrumb
//! trails, another author, renumbered notes — and the same structure must
//! come out. The chrome lines are found from the expected file's
//! `not_in_body` list by their shape, so no seed text is written here.

mod common;

use regex::Regex;
use serde_json::Value;

const SEED: &str = "seeds/000_b22d2addbc7dce46";

/// One rewrite of the seed's chrome.
struct Variant {
    weather: &'static str,
    date: &'static str,
    advert: &'static str,
    credit: &'static str,
    widgets: [&'static str; 2],
    author: &'static str,
    crumbs: &'static str,
    note_shift: u32,
}

const VARIANTS: &[Variant] = &[
    Variant {
        weather: "72°F Partly Cloudy",
        date: "Mon 3 Jan 2022",
        advert: "ADVERTISEMENT",
        credit: "Powered by WordPress",
        widgets: ["Trending Now", "Latest Comments"],
        author: "Tomás Okonkwo-Lind",
        crumbs: "HomeNewsAnalysis",
        note_shift: 30,
    },
    Variant {
        weather: "-3 °C Snow",
        date: "03/01/2022 14:05",
        advert: "Sponsored content",
        credit: "Theme by GeneratePress",
        widgets: ["Popular Posts", "Recent Posts"],
        author: "Ingrid Halvorsen",
        crumbs: "HomeBlogOpinion",
        note_shift: 100,
    },
    Variant {
        weather: "Berlin 4 °C bewölkt",
        date: "Tuesday, 7 March 2023",
        advert: "Anzeige",
        credit: "Proudly powered by Ghost",
        widgets: ["Editor's Picks", "Related Articles"],
        author: "Mei-Ling Zhou",
        crumbs: "StartseiteAnalysen",
        note_shift: 7,
    },
];

/// The roles of the seed's chrome lines, found by shape.
struct Chrome {
    weather: String,
    date: String,
    breadcrumb: String,
    advert: String,
    credit: String,
    widgets: Vec<String>,
}

fn chrome_of(expected: &Value) -> Chrome {
    let lines: Vec<String> = expected["not_in_body"]
        .as_array()
        .expect("not_in_body")
        .iter()
        .filter_map(|v| v.as_str().map(common::collapse))
        .collect();
    let find = |re: &str| {
        let re = Regex::new(re).expect("valid regex");
        lines
            .iter()
            .find(|l| re.is_match(l))
            .cloned()
            .expect("chrome line of this shape")
    };
    let weather = find(r"^-?\d+(?:\.\d+)?\s?°?\s?[CF]$");
    let date = find(r"(?i)^(?:mon|tues|wednes|thurs|fri|satur|sun)day, .*\d{4}$");
    let advert = find(r"(?i)advert");
    let credit = find(r"(?i)powered by");
    let breadcrumb = lines
        .iter()
        .max_by_key(|l| l.len())
        .cloned()
        .expect("breadcrumb");
    let widgets = lines
        .iter()
        .filter(|l| {
            ![&weather, &date, &advert, &credit, &breadcrumb].contains(l)
                && !l.starts_with("By ")
                && l.split_whitespace().count() <= 3
        })
        .cloned()
        .collect();
    Chrome {
        weather,
        date,
        breadcrumb,
        advert,
        credit,
        widgets,
    }
}

fn shift_notes(text: &str, shift: u32) -> String {
    let re = Regex::new(r"\[(\d+)\]").expect("valid regex");
    re.replace_all(text, |c: &regex::Captures| {
        format!("[{}]", c[1].parse::<u32>().expect("digits") + shift)
    })
    .into_owned()
}

fn perturb(seed: &str, expected: &Value, chrome: &Chrome, v: &Variant) -> String {
    let title = expected["title"].as_str().expect("title");
    let author = expected["author"].as_str().expect("author");
    let mut out = Vec::new();
    for line in seed.lines() {
        let c = common::collapse(line);
        let replaced = if c == chrome.weather {
            v.weather.to_string()
        } else if c == chrome.date {
            v.date.to_string()
        } else if c == chrome.breadcrumb {
            format!("{}{}", v.crumbs, title.replace('–', "-"))
        } else if c == chrome.advert {
            v.advert.to_string()
        } else if c == chrome.credit {
            v.credit.to_string()
        } else if let Some(i) = chrome.widgets.iter().position(|w| *w == c) {
            v.widgets[i % 2].to_string()
        } else {
            line.to_string()
        };
        out.push(replaced.replace(author, v.author));
    }
    shift_notes(&out.join("\n"), v.note_shift)
}

#[test]
fn rewritten_chrome_gives_the_same_structure() {
    let Some(shared) = common::shared_dir("rewritten_chrome_gives_the_same_structure") else {
        return;
    };
    let seed = std::fs::read_to_string(shared.join(format!("{SEED}.txt"))).expect("seed");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join(format!("{SEED}.expected.json"))).expect("expected"),
    )
    .expect("expected JSON");
    let chrome = chrome_of(&expected);
    assert_eq!(chrome.widgets.len(), 2, "two widget headings found");
    let author = expected["author"].as_str().expect("author");
    let mut failures = Vec::new();
    for (n, v) in VARIANTS.iter().enumerate() {
        let page = perturb(&seed, &expected, &chrome, v);
        let actual = common::clean_text_explained(&page);
        // The expected output, rewritten the same way.
        let mut want = expected.clone();
        want["author"] = Value::from(v.author);
        want["author_bio"] = Value::from(
            expected["author_bio"]
                .as_str()
                .expect("bio")
                .replace(author, v.author),
        );
        for block in want["body"].as_array_mut().expect("body") {
            let text = shift_notes(block["text"].as_str().expect("text"), v.note_shift);
            block["text"] = Value::from(text);
        }
        for note in want["footnotes"].as_array_mut().expect("footnotes") {
            let id: u32 = note["id"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .expect("numeric id");
            note["id"] = Value::from((id + v.note_shift).to_string());
        }
        let new_chrome = [
            v.weather,
            v.date,
            v.advert,
            v.credit,
            v.widgets[0],
            v.widgets[1],
            v.crumbs,
        ];
        want["not_in_body"] = Value::from(new_chrome.to_vec());
        for problem in common::mismatches(&want, &actual) {
            failures.push(format!("variant {n}: {problem}"));
        }
        // Each rewritten chrome line is removed for the reason of its family,
        // not merely for lying outside the main run.
        let crumb = format!(
            "{}{}",
            v.crumbs,
            expected["title"].as_str().unwrap_or("").replace('–', "-")
        );
        let byline = format!("By {}", v.author);
        let reasons = [
            (v.weather, "weather"),
            (v.date, "dateline"),
            (v.advert, "advert"),
            (v.credit, "credit"),
            (v.widgets[0], "widget"),
            (v.widgets[1], "widget"),
            (crumb.as_str(), "navigation"),
            (byline.as_str(), "byline"),
        ];
        let removed = actual["removed"].as_array().cloned().unwrap_or_default();
        for (line, reason) in reasons {
            let found = removed.iter().any(|r| {
                r["reason"] == reason && r["text"].as_str().is_some_and(|t| t.starts_with(line))
            });
            if !found {
                failures.push(format!("variant {n}: {line:?} not removed as {reason}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
