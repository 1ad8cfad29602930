//! Authors: read from byline lines and metadata strings, cleaned of "By",
//! separators, dates, reading times, roles, emails, URLs and handles;
//! several authors joined by `"; "`; strings that are not names rejected.

use std::sync::LazyLock;

use regex::Regex;

use crate::strip::families::byline;

/// Most words one author name may have.
const NAME_MAX_WORDS: usize = 5;
/// Most authors kept from one byline.
const MAX_AUTHORS: usize = 6;

/// Words that are never an author's name on their own.
const NOT_NAMES: &[&str] = &[
    "admin",
    "administrator",
    "staff",
    "editor",
    "editors",
    "editorial",
    "editorial team",
    "contributor",
    "contributors",
    "guest",
    "guest author",
    "anonymous",
    "unknown",
    "follow",
    "follow author",
    "email",
    "email the author",
    "author",
    "authors",
    "by",
    "team",
    "news desk",
    "newsroom",
    "redaktion",
    "redacción",
    "rédaction",
    "staff writer",
    "staff reporter",
    "more",
    "view all posts",
    "read more",
    "posts",
    "home",
    "share",
    "comments",
    "none",
    "null",
];

/// A copyright line's holder: "© Jane Doe 2016-2020", "Copyright © 2012
/// Jane Doe — Contact".
static COPYRIGHT_HOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:copyright\s*)?(?:©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(?P<name>[^\d|—–,.©]+?)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:[|—–.,].*)?$",
    )
    .expect("valid regex")
});

/// The person a copyright line names, if it names one ("© Jane Doe 2020";
/// not "© 2020 Example Media Inc.").
pub fn copyright_holder(text: &str, common: &CommonWords) -> Option<String> {
    let name = COPYRIGHT_HOLDER.captures(text)?.name("name")?.as_str();
    name_line(name.trim(), common)
}

static SEPARATORS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,|;|&|\s\+\s|\band\b|\bund\b|\by\b|\bet\b|\be\b|\bve\b|\ben\b)\s*")
        .expect("valid regex")
});

static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\S+@\S+\.\S+|https?://\S+|www\.\S+|(?:^|\s)@\w+|\((?:[^)]*)\)|\b\d+\s*(?:min(?:ute)?s?|minuten)\b.*$|\b(?:updated|published|posted)\b.*$",
    )
    .expect("valid regex")
});

/// Titles before a name: "Dr.", "Prof.", "Mr.", "Mrs.", "Ms.", "Mx.".
static HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\b)(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s+").expect("valid regex")
});

static LEADING_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:about the authors?\s*:?\s*)?(?:(?:(?:posted|written|words|story|text|reported)\s+by|by|von|por|par|di|door|av|af|autor(?:in)?|authors?|auteur|yazar)(?:\s*:\s*|\s*[\-–]\s+|\s+))?")
        .expect("valid regex")
});

/// The author(s) named by a byline line, e.g. "Posted by Jane Doe · 5 min read" → "Jane Doe".
///
/// A one-word name is taken only in capitals (an agency: "AP", "AFP"); "by
/// Widgetco" under a box of promoted links names a vendor, not an author.
pub fn from_byline(text: &str) -> Option<String> {
    const AGENCY_MAX_LETTERS: usize = 6;
    let names = byline::name_in(text).and_then(clean)?;
    let one_word_ok = |n: &str| {
        n.split_whitespace().count() > 1
            || (n.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                && n.chars().count() <= AGENCY_MAX_LETTERS)
    };
    names.split("; ").all(one_word_ok).then_some(names)
}

/// Words the page's body writes in lower case: common words of its
/// language, which a person's name is rarely made of ("Better Student
/// Journalism" is a heading, not a name, when the body speaks of students
/// and journalism).
#[derive(Debug, Default)]
pub struct CommonWords(std::collections::HashSet<String>);

impl CommonWords {
    /// The lower-case words of the body's blocks (`classes` content).
    pub fn of_body(blocks: &[crate::document::Block], classes: &[crate::strip::Class]) -> Self {
        let mut words = std::collections::HashSet::new();
        for (block, _) in blocks.iter().zip(classes).filter(|(_, c)| c.is_content()) {
            for w in block.text.split(|c: char| !c.is_alphanumeric()) {
                if w.chars().next().is_some_and(char::is_lowercase) {
                    words.insert(w.to_string());
                }
            }
        }
        CommonWords(words)
    }

    /// Whether most words of `name` are common words.
    fn mostly_common(&self, name: &str) -> bool {
        let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        let common = words.iter().filter(|w| self.0.contains(w.as_str())).count();
        common * 2 > words.len()
    }
}

/// A line that is only a person's name ("Jane Doe", "JANE DOE", "John C.
/// Welch", "Richard (R.J.) Eskow"): how copied page text shows a byline
/// whose "By" was an icon. Not a line of words the body uses as common words.
pub fn name_line(text: &str, common: &CommonWords) -> Option<String> {
    const MIN_WORDS: usize = 2;
    const MAX_WORDS: usize = 4;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < MIN_WORDS || words.len() > MAX_WORDS {
        return None;
    }
    let name_word = |w: &str| {
        // A nickname or initials in brackets: "(R.J.)".
        let w = w
            .strip_prefix('(')
            .and_then(|w| w.strip_suffix(')'))
            .unwrap_or(w);
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    };
    let organisation = words
        .iter()
        .any(|w| ORGANISATION_WORDS.contains(&w.to_lowercase().as_str()));
    if !words.iter().all(|w| name_word(w)) || organisation || common.mostly_common(text) {
        return None;
    }
    let name =
        clean(text).filter(|n| !n.contains("; ") && n.split_whitespace().count() >= MIN_WORDS)?;
    // The bracketed part is not part of the name.
    Some(crate::document::collapse_whitespace(
        &name
            .split_whitespace()
            .filter(|w| !w.starts_with('('))
            .collect::<Vec<_>>()
            .join(" "),
    ))
}

/// A metadata author string cleaned to names: "By Jane Doe, Staff Writer" → "Jane Doe".
pub fn clean(raw: &str) -> Option<String> {
    let text = crate::document::collapse_whitespace(raw);
    let text = LEADING_BY.replace(&text, "");
    let text = HONORIFIC.replace_all(&text, "");
    let text = NOISE.replace_all(&text, " ");
    let text = crate::document::collapse_whitespace(&text);
    let mut names: Vec<String> = Vec::new();
    for part in SEPARATORS.split(&text) {
        let part = before_role(part);
        let name = part
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’')
            .trim_end_matches('.')
            .trim();
        if is_name(name) && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
        if names.len() == MAX_AUTHORS {
            break;
        }
    }
    (!names.is_empty()).then(|| names.join("; "))
}

/// A name followed by a job title ("Jane Doe Senior Vice President of …")
/// cut before the title.
fn before_role(part: &str) -> &str {
    // "Senior Editor" on its own (after a comma) is all job title.
    let all_role = part.split_whitespace().all(|w| {
        ROLE_STARTS.contains(
            &w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    });
    if all_role {
        return "";
    }
    let mut end = part.len();
    for (at, word) in part
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w))
        .skip(1)
    {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if ROLE_STARTS.contains(&w.as_str()) {
            end = at;
            break;
        }
    }
    part[..end].trim_end()
}

/// Whether a string can be a person's (or a desk's) name.
fn is_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    if words == 0 || words > NAME_MAX_WORDS {
        return false;
    }
    // Names have no function words ("Ad Operations at IAB") and, in Latin
    // script, a capital letter ("mcupdate" is a handle).
    let has_function_word = name
        .split_whitespace()
        .any(|w| FUNCTION_WORDS.contains(&w.to_lowercase().as_str()));
    let latin_without_capital =
        name.chars().any(|c| c.is_ascii_alphabetic()) && !name.chars().any(char::is_uppercase);
    if has_function_word || latin_without_capital {
        return false;
    }
    let lower = name.to_lowercase();
    if NOT_NAMES.contains(&lower.as_str())
        || crate::structure::date::parse(name).is_some()
        || lower
            .split_whitespace()
            .all(crate::lexicon::is_calendar_word)
    {
        return false;
    }
    let role_only = ROLE_WORDS
        .iter()
        .any(|r| lower == *r || lower.ends_with(&format!(" {r}")) && words <= 2);
    !role_only
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !name.chars().any(|c| c.is_ascii_digit())
}

/// Words that begin a job title after a name.
const ROLE_STARTS: &[&str] = &[
    "senior",
    "junior",
    "chief",
    "vice",
    "president",
    "director",
    "manager",
    "head",
    "founder",
    "co-founder",
    "ceo",
    "cto",
    "cfo",
    "editor",
    "reporter",
    "correspondent",
    "columnist",
    "contributor",
    "writer",
    "journalist",
    "professor",
    "lecturer",
    "researcher",
    "analyst",
    "executive",
    "general",
    "deputy",
    "associate",
    "assistant",
    "staff",
    "principal",
];

/// Lower-case words that never stand inside a person's name.
const FUNCTION_WORDS: &[&str] = &[
    "at", "of", "the", "for", "in", "on", "with", "from", "to", "is", "was", "a", "an", "and",
    "or", "not", "no", "do", "does", "are", "be", "this", "that", "your", "our", "my", "you", "we",
    "it", "by", "how", "what", "why",
];

/// Words that make a capitalised line the name of a publication, a company
/// or a section ("City News", "Harbour Media Group"), not of a person.
const ORGANISATION_WORDS: &[&str] = &[
    "news",
    "times",
    "daily",
    "weekly",
    "media",
    "press",
    "post",
    "group",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "magazine",
    "journal",
    "radio",
    "tv",
    "network",
    "blog",
    "online",
    "herald",
    "tribune",
    "gazette",
    "agency",
    "staff",
    "team",
    "desk",
    "newsroom",
    "editors",
    "nachrichten",
    "zeitung",
    "noticias",
    "actualités",
    "notizie",
    "haber",
    "haberleri",
];

/// Job titles that follow a name and are not part of it.
const ROLE_WORDS: &[&str] = &[
    "writer",
    "editor",
    "reporter",
    "correspondent",
    "columnist",
    "contributor",
    "journalist",
    "producer",
    "analyst",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_give_clean_names() {
        let cases = [
            ("By Marta Kowalska : —", Some("Marta Kowalska")),
            ("by Jane Doe22 Dec 2016", Some("Jane Doe")),
            (
                "Posted by Jane Doe · March 3, 2023 · 5 min read",
                Some("Jane Doe"),
            ),
            (
                "By Ana Ruiz and Li Wei | Staff Writers",
                Some("Ana Ruiz; Li Wei"),
            ),
            ("Von Anna Schmidt", Some("Anna Schmidt")),
            ("Written by Dr. Lena Hart", Some("Lena Hart")),
            (
                "Written by Prof. Lena Hart on 18 January 2023",
                Some("Lena Hart"),
            ),
            ("Jane Doe – Apr 16, 2015 8:02 pm UTC", Some("Jane Doe")),
            ("By Monday, the stock had fallen.", None),
            ("By Jane Doe (@janedoe)", Some("Jane Doe")),
            ("By Jane Doe jane.doe@example.org", Some("Jane Doe")),
            (
                "By Jane Doe https://example.org/people/jane",
                Some("Jane Doe"),
            ),
            ("By Jane Doe | 6 min read", Some("Jane Doe")),
            ("By Jane Doe, Senior Editor", Some("Jane Doe")),
            (
                "By Jane Doe, Li Wei and Ana Ruiz",
                Some("Jane Doe; Li Wei; Ana Ruiz"),
            ),
            ("By Admin", None),
            ("Follow Author", None),
            ("Sunday, October 24, 2021", None),
        ];
        let failures: Vec<String> = cases
            .iter()
            .filter(|(line, want)| from_byline(line).as_deref() != *want)
            .map(|(line, want)| format!("{line:?}: got {:?}, want {want:?}", from_byline(line)))
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn names_made_of_the_bodys_common_words_are_headings() {
        let body = crate::document::Block::new(
            crate::document::BlockKind::Paragraph,
            "Every student will want better journalism, said Will Smith.".to_string(),
        );
        let common = CommonWords::of_body(&[body], &[crate::strip::Class::Content]);
        assert_eq!(name_line("Better Student Journalism", &common), None);
        assert_eq!(
            name_line("Will Smith", &common).as_deref(),
            Some("Will Smith")
        );
    }

    #[test]
    fn copyright_holders_who_are_people() {
        let none = CommonWords::default();
        let holder = |t| copyright_holder(t, &none);
        assert_eq!(holder("© Jane Doe 2016-2020").as_deref(), Some("Jane Doe"));
        assert_eq!(
            holder("Copyright © 2012 Jane Doe — Write to me").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(holder("© 2019 Harbour Media Group"), None);
        assert_eq!(holder("© 2015 Example, Inc"), None);
        assert_eq!(holder("Jane Doe 2020"), None);
    }

    #[test]
    fn lines_that_are_only_names() {
        let none = CommonWords::default();
        let name_line = |t| name_line(t, &none);
        assert_eq!(name_line("Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(name_line("Harbour Valley News"), None);
        assert_eq!(name_line("Example Media Group"), None);
        assert_eq!(name_line("JANE DOE").as_deref(), Some("JANE DOE"));
        assert_eq!(name_line("John C. Welch").as_deref(), Some("John C. Welch"));
        assert_eq!(
            name_line("Richard (R.J.) Eskow").as_deref(),
            Some("Richard Eskow")
        );
        assert_eq!(name_line("Read more"), None);
        assert_eq!(name_line("Sunday October"), None);
        assert_eq!(name_line("Jane"), None);
        assert_eq!(name_line("Jane Doe 2021"), None);
        assert_eq!(from_byline("by Widgetco"), None);
        assert_eq!(
            crate::strip::families::byline::name_in("By AFP"),
            Some("AFP")
        );
        assert_eq!(clean("AFP").as_deref(), Some("AFP"));
        assert_eq!(from_byline("By AFP").as_deref(), Some("AFP"));
    }

    #[test]
    fn metadata_strings_are_cleaned() {
        assert_eq!(
            clean("By Jane Doe, Staff Writer").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean("Jane Doe (jane@example.org)").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean("Jane Doe, Tom Roe").as_deref(),
            Some("Jane Doe; Tom Roe")
        );
        assert_eq!(clean("admin"), None);
        assert_eq!(clean("Follow Author"), None);
        assert_eq!(clean("October 24, 2021"), None);
        assert_eq!(clean("@handle"), None);
        assert_eq!(clean("username"), None);
        assert_eq!(clean("Ad Operations at IAB"), None);
        assert_eq!(
            clean("About the author Jane Doe Senior Vice President of Research at Example")
                .as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean("Jane Doe (J.D.) Smith").as_deref(),
            Some("Jane Doe Smith")
        );
    }
}
