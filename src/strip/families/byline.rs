//! Bylines: "By Jane Doe", "Posted by Jane Doe · March 3, 2023 · 5 min
//! read", "Von Anna Schmidt", "Por Juan Pérez | Madrid", "Jane Doe – Apr 16,
//! 2015 8:02 pm UTC". The author is read from the `name` group by the
//! structure stage; the line itself never reaches the body.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "byline",
    reason: Reason::Byline,
    max_words: 40,
    check: Some(names_a_person),
    requires: None,
    parts: &[
        // Words that introduce a byline, in several languages.
        (
            "prefix",
            r"(?:(?:posted|written|words|story|text|reported|reporting|compiled|published|article|essay|interview|review|analysis)\s+by|by|von|vom|por|par|di|door|av|af|autor(?:in|es|a)?|authors?|auteur|autore|yazar|escrito por|publicado por|écrit par|geschrieben von)",
        ),
        // One word of a name: capitalised ("Jane", "O'Brien", "J.", "Jean-Luc", "ÇAĞLA").
        ("word", r"{upper}(?:{letter}|['’.-])*"),
        // Lower-case particles inside names.
        (
            "particle",
            r"(?-i:van|von|de|der|den|da|di|del|della|dos|das|du|la|le|al|el|bin|ibn|ter|ten|zu|y|e)",
        ),
        // A name: one to five words, particles allowed between them.
        ("one", r"{word}(?:\s+(?:{particle}\s+){0,2}{word}){0,4}"),
        // Several names: "A, B and C", "A & B", "A und B", "A y B".
        (
            "names",
            r"{one}(?:\s*(?:,|;|&|\band\b|\bund\b|\by\b|\bet\b|\be\b)\s*{one}){0,5}",
        ),
        // What joins the prefix to the name: a space, or a colon ("By: Jane").
        ("join", r"\s*:\s*|\s+"),
        // Decoration some sites put before a byline ("// By Jane", "— By Jane").
        ("lead", r"[/|•·—–\-\s]*"),
        // A relative time: "1 day ago", "3 hours ago".
        (
            "ago",
            r"\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago",
        ),
        // Separators between a byline's parts.
        ("sep", r"\s*(?:[|·•,;:/]|\s[-–—]|[-–—]\s)\s*"),
        // Month names (English, German, Spanish, French, Italian, abbreviations).
        (
            "month",
            r"jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|jun(?:e|i)?|jul(?:y|i)?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre",
        ),
        // A date as bylines print it.
        (
            "date",
            r"(?:{month})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:\.|st|nd|rd|th)?\s+(?:de\s+)?(?:{month})\.?,?\s+(?:de\s+)?\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}",
        ),
        // A role after the name.
        (
            "role",
            r"(?:senior |chief |staff |contributing |guest |special |political |foreign |managing |deputy |associate |executive )*(?:writer|editor|reporter|correspondent|columnist|contributor|journalist|author|producer|analyst|redakteur(?:in)?|korrespondent(?:in)?|redactor(?:a)?|corresponsal|rédacteur|rédactrice|journaliste)(?:\s+(?:at|for|of)\s+.{1,40})?",
        ),
        // A handle, email or web address right after the name: "Jane
        // Doe@janedoe", "Jane Doe (@janedoe)", "Jane Doe jane@example.org".
        (
            "contact",
            r"@\w+|\s*\(@\w+\)|\s+\S+@\S+\.\S+|\s+(?:https?://|www\.)\S+",
        ),
        // What may follow the name: dates, times, reading time, a role, an
        // email or handle, a publication or place in capitalised words — but
        // never a clause of lower-case words, so "By Monday, the stock fell."
        // is not a byline.
        (
            "rest",
            r"[^!?]*\d[^!?]*|{role}|(?:{upper}(?:{letter}|[.'’&-])*\s?){1,5}|\S+@\S+|@\w+|on\s.*\d.*|updated.*|\s*",
        ),
    ],
    patterns: &[
        // "By Jane Doe", "Posted by Jane Doe · March 3, 2023 · 5 min read",
        // "Written by Jane Doe on 18 January 2023"
        // "// By Jane Doe • Nov 11, 2020", "By Jane Doe@handle Updated …",
        // "By Jane Doe March 18 at 12:22 PM", and in copied page text the
        // date glued to the name: "by Jane Doe22 Dec 2016"
        r"{lead}(?:{prefix})(?:{join})(?P<name>{names})(?:{contact})?(?:(?:\s+(?:(?:on|am|el|le|il)\s+)?(?:{date}|(?:{month})\.?\s+\d{1,2}\b|updated\b|{ago})|{date}).{0,60})?(?:{sep}(?:{rest}))*[\s:|·•—–-]*",
        // "By Jane Doe, a senior editor who covers energy. She lives in Oslo."
        r"{lead}(?:{prefix})(?:{join})(?P<name>{names}),\s(?:an?|the|our)\s[^.!?]{3,120}[.!?]?(?:\s.{0,200})?",
        // "Jane Doe – Apr 16, 2015 8:02 pm UTC", "Jane Doe | 3 March 2023":
        // without a prefix, only a name of two to four words before a date.
        r"(?P<name>{word}(?:\s+(?:{particle}\s+){0,2}{word}){1,3}){sep}(?:{date}).{0,80}",
        // "Posted 17 January 2023 by Jane Doe", "March 3, 2023 | By Jane Doe"
        r"{lead}(?:(?:posted|published|written|updated)\s+)?(?:on\s+)?(?:{letter}+,?\s+)?(?:{date})(?:{sep}|\s+)(?:{prefix})(?:{join})(?P<name>{names})(?:{sep}(?:{rest}))*[\s:|·•—–-]*",
        // "Saturday, 8 April 2023 — Jane Doe"
        r"(?:{letter}+,?\s+)?(?:{date}){sep}(?P<name>{word}(?:\s+(?:{particle}\s+){0,2}{word}){1,3})",
        // A name beside a machine-written date-time, either side, as
        // teaser lists print them: "Jane Doe 2019-11-20 17:27:46",
        // "2019-11-20 12:57 Jane Doe".
        r"(?P<name>{word}(?:\s+(?:{particle}\s+){0,2}{word}){1,3})\s+\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?",
        r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\s+(?P<name>{word}(?:\s+(?:{particle}\s+){0,2}{word}){1,3})",
        // "Jane Doe 1 day ago"
        r"(?P<name>{word}(?:\s+(?:{particle}\s+){0,2}{word}){1,3})\s+{ago}",
    ],
};

/// The byline patterns compiled with their `name` group, for reading names.
static NAMED: std::sync::LazyLock<Vec<regex::Regex>> = std::sync::LazyLock::new(|| {
    FAMILY
        .expanded()
        .filter_map(|p| regex::Regex::new(&p).ok())
        .collect()
});

/// The name a byline line gives (as written, before cleaning), if it is one.
pub fn name_in(text: &str) -> Option<&str> {
    NAMED
        .iter()
        .find_map(|re| re.captures(text)?.name("name").map(|m| m.as_str()))
}

/// A byline's name must not be only weekday and month words ("By Monday, …").
fn names_a_person(text: &str) -> bool {
    name_in(text).is_some_and(|name| {
        !name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(crate::lexicon::is_calendar_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::check_family;

    #[test]
    fn bylines() {
        check_family(
            &FAMILY,
            &[
                "By Jane Doe",
                "By Marta Kowalska : —",
                "by Tom O'Neill",
                "BY ÇAĞLA DEMİR",
                "Posted by Jane Doe · March 3, 2023 · 5 min read",
                "Written by Dr. Lena Hart",
                "Written by Dr. Lena Hart on 18 January 2023",
                "By JANE DOE JAN. 13, 2017",
                "By Ana Ruiz and Li Wei | Staff Writers",
                "By Peter van der Berg, Senior Editor",
                "Von Anna Schmidt",
                "Por Juan Pérez | Madrid",
                "Par Claire Dubois, le 3 mars 2023",
                "Jane Doe – Apr 16, 2015 8:02 pm UTC",
                "Author: Kemal Arslan",
                "By Jane Doe, jane@example.org",
                "By Jane Doe, a senior editor who covers energy. She lives in Oslo.",
                "// By Jane Doe • Nov 11, 2020",
                "By Jane Doe@janedoe Updated Jul 24, 2018, 2:15pm EDT",
                "By Jane Doe March 18 at 12:22 PM Follow @janedoe",
                "Jane Doe 1 day ago",
                "By: Jane Doe",
                "by Jane Doe22 Dec 2016",
                "Posted 17 January 2023 by Jane Doe",
                "Saturday, 8 April 2023 — Jane Doe-Smith",
                "Jane Doe 2019-11-20 17:27:46",
                "2019-11-20 12:57 Jane Doe",
            ],
            &[
                "By Monday, the stock had fallen by a third.",
                "By the end of the year the bridge was finished.",
                "Posted by mistake, the letter reached the wrong office.",
                "By and large, the council agreed with the plan.",
                "Written by hand in 1820, the diary survived two fires and a flood.",
                "Von Berlin aus fuhr der Zug weiter nach Süden, schneller als erwartet.",
                "Por la mañana llovió sobre toda la ciudad.",
                "Stand by me",
                "Release 2019-11-20 fixes the bug",
                "By",
                "Drive by the old mill and turn left at the church.",
                "By Monday, a decision had been made about the harbour.",
                "By Tuesday, the company had lost a third of its value.",
                "AFP Videos",
                "Saturday, 8 April 2023 — the day the harbour closed",
                "Avenue Road",
                "Updated: 12/04/2023 10:15",
            ],
        );
    }
}
