//! Advert labels standing alone: "Advertisement", "- Anzeige -", "Sponsored
//! by X", "Story continues below advertisement", "AdChoices", in English and
//! the common labels of other languages, with optional decorations around.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "advert",
    reason: Reason::Advert,
    max_words: 12,
    check: None,
    requires: None,
    parts: &[
        // Decorations sites put around a label: dashes, rules, brackets, stars,
        // and the private-use glyphs of icon fonts.
        ("deco", r"[\s*\-–—_=~•·|:#\[\](){}<>«»\p{Co}]*"),
        // A non-empty run of the same, between two repeated labels.
        ("gap", r"[\s*\-–—_=~•·|:#\[\](){}<>«»\p{Co}]+"),
        // The label itself, in English (with the common misspelling) and
        // other languages.
        (
            "label",
            r"advert(?:i[sz](?:e?ments?|ing)|s)?|advertorial|ads?|sponsored(?: (?:content|posts?|story|links?|articles?|listings?|results?|stories))?|promoted(?: (?:content|post|stories|links?))?|paid (?:content|post|partnership|promotion)|partner (?:content|post)|supported by|from our (?:sponsors?|partners?|advertisers?)|anzeigen?|werbung|gesponsert|publicidad|patrocinado|publicidade|publicité|sponsorisé|pubblicità|sponsorizzato|reklam|reklama|реклама|advertentie|annons|annonse|mainos|διαφήμιση|广告|廣告|広告|광고",
        ),
        // A sponsor's name: a few words, no sentence punctuation.
        // A sponsor's name: a first word of any kind, then up to four that look
        // like a name (capitalised, a digit or symbol, a domain, or a
        // connector), so "Sponsored by the city for three years." is prose.
        (
            "name",
            r"[^\s,;:!?]+(?: (?:(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω\d@&+(\-–—])[^\s,;:!?]*|[^\s,;:!?]+\.[a-z]{2,}\.?|(?:and|und|y|et|e|&|the|of|de|del|la|le|les|von|van|der|den|du|di|da|inc|ltd|llc|gmbh|s\.a|co|plc|ag|group|media)\.?)){0,4}",
        ),
        // What the reader is told continues after the ad.
        (
            "story",
            r"(?:the )?(?:story|article|text|content|post|reading|page)",
        ),
        (
            "ad",
            r"(?:an |the |this )?(?:advertisement|advert|ad|ads|sponsor message)",
        ),
    ],
    patterns: &[
        // "Advertisement", "- Advertisement -", "[Ad]", "SPONSORED CONTENT",
        // "Anzeige", "Реклама", "Advertisement Advertisement"
        r"{deco}(?:{label})(?:{gap}(?:{label}))*{deco}",
        // "Sponsored by Acme", "Promoted by X", "Brought to you by X"
        r"{deco}(?:(?:sponsored|promoted|presented)(?: (?:content|post|story))?|brought to you|paid for|ads?|advertising|anzeige|patrocinado|sponsorisé|gesponsert) (?:by|from|von|par|por|da)(?:\s*:\s*|\s+){name}\.?{deco}",
        // "Story continues below advertisement", "Article continues below",
        // "Continue reading below", "Advertisement - scroll to continue"
        r"{deco}(?:(?:{label}){deco})?(?:{story} continues (?:below|after {ad}|underneath)(?:{deco}{ad})?|continue reading (?:below|after {ad}|the (?:main |full )?(?:story|article))|(?:scroll|swipe)(?: down)? (?:to|for) (?:continue|more)(?: (?:reading|with content|with the article))?|(?:skip|close|hide|remove) {ad})\.?{deco}",
        // A label whose sponsor is a logo: "Travel is sponsored by",
        // "This section is brought to you by", "Presented by:".
        r"{deco}(?:[^.!?]{1,60} )?(?:is |are )?(?:sponsored|presented|supported|brought to you) by:?{deco}",
        // A label glued to its sponsor's name, either side, as page text
        // renders a label and a name set in separate boxes: "SponsoredAcme
        // Bank", "Acme BankSponsored".
        r"{deco}(?-i:Sponsored|Promoted|Advertisement|Anzeige|Gesponsert|Patrocinado|Sponsorisé)(?-i:[A-Z0-9])\S*(?: \S+){0,4}{deco}",
        r"{deco}\S+(?: \S+){0,4}(?-i:[a-z0-9.])(?-i:Sponsored|Promoted|Advertisement|Anzeige|Gesponsert|Patrocinado|Sponsorisé){deco}",
        // "AdChoices", "Report this ad", "Advertise with us", "Ad feedback",
        // "Why this ad?", "Ads by Google"-style lines
        r"{deco}(?:ad ?choices|(?:report|hide|block) (?:this )?ad|advertise (?:with|on|here)(?: us)?|advertise|advertising (?:info|information|enquiries|inquiries|opportunities)|why (?:this|am i seeing this) ad\??|(?:ad|advertisement) (?:feedback|loading(?:\.{3}|…)?|settings|preferences)|ad-?free|go ad-?free|(?:werben|werbung schalten) (?:bei|auf) uns|publicidad en \S+|publicité sur \S+){deco}",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::check_family;

    #[test]
    fn advert_labels() {
        check_family(
            &FAMILY,
            &[
                "Advertisement",
                "ADVERTISEMENT",
                "Advertisment",
                "- Advertisement -",
                "— Advertisement —",
                "--- ADVERTISEMENT ---",
                "[Advertisement]",
                "** Advertisement **",
                "Advertisement:",
                "Advertisements",
                "Advertising",
                "Advertorial",
                "Ad",
                "Ads",
                "[Ad]",
                "(Ad)",
                "Sponsored",
                "Sponsored content",
                "SPONSORED CONTENT",
                "Sponsored Links",
                "Sponsored Articles",
                "\u{e0a1} Advertisement",
                "Promoted",
                "Promoted stories",
                "Paid content",
                "Paid Post",
                "Partner content",
                "Supported by",
                "Advertisement Advertisement",
                "Anzeige",
                "- Anzeige -",
                "Werbung",
                "Publicidad",
                "Publicité",
                "Pubblicità",
                "Reklam",
                "Реклама",
                "广告",
                "広告",
                "Advertentie",
            ],
            &[
                "Advertisement revenue fell by a third last year.",
                "The company spent more on advertising than research.",
                "She sponsored the bill in 2019.",
                "Ad hoc committees were formed.",
                "Advertising executives gathered in the hall on Monday.",
                "Sponsored athletes must declare their income to the federation.",
                "The ads ran for three weeks before they were pulled.",
                "Add",
                "Adam",
                "Promotion",
            ],
        );
    }

    #[test]
    fn sponsor_lines() {
        check_family(
            &FAMILY,
            &[
                "Sponsored by Acme Outdoor",
                "Sponsored by: Northwind Traders",
                "Sponsored content by Contoso",
                "Promoted by Example Bank",
                "Brought to you by Globex Corporation",
                "Paid for by Initech",
                "Ads by Example Network",
                "Anzeige von Beispiel GmbH",
                "— Sponsored by Fabrikam —",
                "Patrocinado por Ejemplo S.A.",
                "SponsoredAcme Bank",
                "Travel & Leisure is sponsored by",
                "This section is brought to you by",
                "Presented by:",
                "SponsoredNorthwind",
                "Contoso MarketsSponsored",
            ],
            &[
                "Sponsored by the ministry of culture, the festival runs for three days.",
                "Sponsored by two senators, the bill passed easily in the lower house.",
                "She was sponsored by her employer to study abroad for a year.",
                "The race, sponsored by a local brewery, drew three thousand runners.",
                "Promoted by the club after one season, he never looked back.",
                "Brought to you by the same team that made last year's hit, this show disappoints.",
                "Presented by the mayor, the award went to a retired teacher.",
                "Paid for by taxpayers, the stadium has hosted only four matches.",
                "Ads by the campaign were banned from television after complaints.",
                "By the sponsor",
                "Sponsored by the city for three years.",
                "Unsponsored Events",
                "The concert was sponsored by a local bank.",
                "The newly Sponsored",
            ],
        );
    }

    #[test]
    fn continuation_and_ad_tools() {
        check_family(
            &FAMILY,
            &[
                "Story continues below advertisement",
                "Article continues below",
                "Article continues below this ad",
                "The story continues after the advertisement",
                "Continue reading below",
                "Continue reading the full article",
                "Advertisement - Scroll to continue",
                "ADVERTISEMENT - SCROLL TO CONTINUE WITH CONTENT",
                "Scroll down to continue reading",
                "Skip ad",
                "Close advertisement",
                "Advertise with us",
                "Advertise Here",
                "Ad Choices",
                "AdChoices",
                "Report this ad",
                "Report ad",
                "Ad Feedback",
                "Advertisement loading...",
                "Why this ad?",
                "Go ad-free",
            ],
            &[
                "The story continues below the fold in the print edition, he noted.",
                "Continue reading to learn how the river changed course in 1870.",
                "The article continues a long tradition of investigative reporting.",
                "Advertise your skills clearly when you apply for the job.",
                "Report this to the police if you see anything suspicious.",
                "Why this advert was banned is still unclear to the public.",
                "Skip the adverts and go straight to the match highlights, fans said.",
                "Ad choices matter more than people think, the researcher argued at length.",
                "Scroll to the bottom of the page to find the full table of results.",
                "Continue",
            ],
        );
    }
}
