//! Image captions and credits that are not marked up as captions: a line
//! ending in "(Image: Agency)" or "(Photo: Name/Agency)", a line that is only
//! a credit ("Photo: Jane Doe/Reuters", "Getty Images", "Photo by Jane Doe on
//! Unsplash"), and gallery counters ("Image 3 of 12").

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "caption",
    reason: Reason::Caption,
    max_words: 60,
    check: None,
    requires: None,
    parts: &[
        // Words that introduce a credit, in several languages.
        (
            "credit",
            r"images?|photos?|photograph|photography|pictures?|pic|picture credit|credits?|image credit|image source|photo credit|source|illustration|graphic|video|foto|fotos|fotografía|bild|bildquelle|quelle|imagen|crédito|crédit photo|crédits?|immagine|görsel|fotoğraf",
        ),
        // Words that make a parenthesis at the end of a line a picture
        // credit ("source" is left out: "(source: the ministry)" ends sentences).
        (
            "pcredit",
            r"images?|photos?|photograph|pictures?|pic|picture credit|credits?|image credit|photo credit|illustration|graphic|video|foto|fotos|fotografía|bild|bildquelle|imagen|crédito|crédit photo|immagine|görsel|fotoğraf",
        ),
        // Agency names that are credits on their own.
        (
            "agency",
            r"getty(?: images)?|reuters|ap|afp|epa|pa|shutterstock|istock(?:photo)?|alamy|dpa|efe|ansa|unsplash|pexels|wikimedia commons|file photo|handout|supplied",
        ),
        // The credited party: a few words, slashes and dots allowed.
        ("who", r"[^()\[\]]{1,60}"),
    ],
    patterns: &[
        // "Photo: Jane Doe/Reuters", "Image credit: Getty Images"
        r"(?:{credit}) ?: ?{who}",
        // "Photo by Jane Doe on Unsplash", "Photograph by X for Y", "Image courtesy of X"
        r"(?:{credit}) (?:by|courtesy(?: of)?|via|von|por|de|par) {who}",
        // "Getty Images", "Reuters/Jane Doe", "AP"
        r"(?:{agency})(?: ?/ ?{who})?",
        // Screen-reader labels before a caption: "Media caption The mayor …",
        // "Image caption: Crowds gathered".
        r"(?:media|image|video|photo|picture|figure) caption ?:? ?.+",
        // "Jane Doe/Reuters", "JANE DOE/AFP/Getty Images": a name, then agencies.
        r"[^()\[\]/0-9]{1,40} ?/ ?(?:{agency})(?: ?/ ?(?:{agency}))*",
        // "Image 3 of 12", "Photo 2/8", "3 / 12"
        r"(?:(?:{credit}) )?[0-9]{1,3} ?(?:of|/|von|de|di) ?[0-9]{1,3}",
    ],
};

/// A caption line that ends in a parenthesised credit: "… their identities
/// (Image: GETTY)", "… on Monday. (AP Photo/Tom Ruiz)". Only lines ending in
/// a bracket are tried: the pattern has to read the whole line to decide.
pub static CREDIT_AT_END: Family = Family {
    name: "caption-credit",
    reason: Reason::Caption,
    max_words: 60,
    check: None,
    requires: Some(ends_in_bracket),
    parts: FAMILY.parts,
    patterns: &[
        // "… their identities (Image: GETTY)", "… (AP Photo/Jane Doe)", "… [Photo: X]"
        r".*[\(\[] ?(?:(?:{pcredit}) ?: ?{who}|(?:{agency})(?: (?:{pcredit}))?(?: ?/ ?{who})?|(?:{pcredit}) (?:by|courtesy(?: of)?) {who}) ?[\)\]]\.?",
    ],
};

/// Whether a line ends with a closing bracket (maybe before a full stop).
fn ends_in_bracket(text: &str) -> bool {
    text.trim_end().trim_end_matches('.').ends_with([')', ']'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::check_family;

    #[test]
    fn credits_at_the_end_of_a_caption() {
        check_family(
            &CREDIT_AT_END,
            &[
                "Harbour workers unload the last crates of the season (Image: GETTY)",
                "The old mill before the fire (Photo: Jane Doe/City Archive)",
                "Crowds gathered outside the station on Monday. (AP Photo/Tom Ruiz)",
                "A view of the square [Image: Supplied]",
                "Two boats in the harbour (Photo by Lena Hart).",
            ],
            &[
                "Apple reported record sales (up 12%) in the quarter.",
                "Unemployment rose to five per cent last year (source: national statistics office).",
                "The report cites three sources (two of them anonymous).",
                "Harbour workers unload the last crates of the season, Image: GETTY says",
                "The photo (taken in 1931) shows the harbour before it closed.",
            ],
        );
    }

    #[test]
    fn captions_and_credits() {
        check_family(
            &FAMILY,
            &[
                "Photo: Jane Doe/Reuters",
                "Image credit: Getty Images",
                "Photo by Lena Hart on Unsplash",
                "Getty Images",
                "JANE DOE/AFP/Getty Images",
                "Media caption The mayor spoke to reporters on Friday",
                "Image caption: Crowds gathered outside",
                "Jane Doe / Reuters",
                "Reuters/Jane Doe",
                "Image 3 of 12",
                "Foto: Anna Schmidt/dpa",
            ],
            &[
                "The photo was taken in 1931, two years before the harbour closed.",
                "Images of the flood spread quickly across the region that night.",
                "Credit card debt rose again in the third quarter, the report said.",
                "Source code for the project is available to anyone who asks.",
                "She showed three pictures to the committee and one to the press.",
                "Apple reported record sales (up 12%) in the quarter.",
                "Unemployment rose to five per cent last year (source: national statistics office).",
                "The report cites three sources (two of them anonymous).",
                "Input/output",
                "The image caption was wrong, the editor admitted.",
                "Rates rose this year / AP reported it first",
            ],
        );
    }
}
