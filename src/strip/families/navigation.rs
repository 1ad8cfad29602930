//! Menus, breadcrumbs, skip links, menu controls and pagination, as single
//! lines of page text.
//!
//! Copied page text often glues a menu's items together with no space
//! between them ("HomeNewsWorldPolitics"); such a line is recognised by a
//! navigation word glued to the next item's capital, or by several glued
//! joins in a line made only of capitalised words. Breadcrumbs need their
//! separators, and the item lists are short and capitalised, so a sentence
//! that starts with "Home", "Next" or "Search" never matches.

use std::sync::LazyLock;

use regex::Regex;

use super::Family;
use crate::strip::Reason;

/// Named parts shared by [`FAMILY`] and [`GLUED`].
const PARTS: &[(&str, &str)] = &[
    // A navigation word as it is written on a menu's first item, in
    // capitals as shown (it is glued to the next item's capital).
    (
        "navglue",
        r"(?-i:Home|Homepage|Home [Pp]age|Start|Startseite|Inicio|Início|Portada|Accueil|Principal|Main [Mm]enu|Menu|Menü|Hauptmenü|Navigation|Anasayfa|Ana [Ss]ayfa|Toggle navigation|Skip to (?:main )?content)",
    ),
    // A navigation word that starts a breadcrumb (any case).
    (
        "navword",
        r"home|home ?page|start|startseite|inicio|início|portada|accueil|principal|main menu|menu|menü|hauptmenü|anasayfa|ana sayfa|strona główna|pagina iniziale|página inicial|hoofdpagina",
    ),
    // An upper-case and a lower-case letter (Latin, Greek, Cyrillic),
    // matched case-sensitively; narrower than `\p{Lu}` but far smaller.
    ("up", r"(?-i:[A-ZÀ-ÖØ-ÞĄĆČĎĘĚĞİŁŃŇŐŒŘŚŞŠŤŮŰŹŻŽА-ЯЁΑ-Ω])"),
    ("lo", r"(?-i:[a-zß-öø-ÿąćčďęěğıłńňőœřśşšťůűźżžа-яёα-ω])"),
    // A capitalised word (or a number, or "&") of a menu line.
    ("captok", r"(?:{up}|[0-9])[^ ]*|&|[-–]"),
    // A word of a title-case menu line: capitalised, or a short connector.
    (
        "tctok",
        r"{captok}|(?-i:and|of|the|for|to|in|on|at|und|y|e|et|de|la|del|des|du|da|do|van|à|ve)",
    ),
    // A letter, digit or joiner of a Latin, Greek or Cyrillic word; glued
    // joins are only looked for in these scripts (CJK text has no spaces),
    // and not across a dot ("Utils.sizeRange" is code, not a menu).
    ("w", r"[0-9A-Za-zÀ-ÖØ-öø-ɏͰ-ϿЀ-ӿ&'’-]"),
    // A capitalised word with one, two or three glued joins inside
    // ("ArticlesSomething", "NewsWorldPolitics", "NewsWorldPoliticsSport").
    ("join1", r"(?:{up}|[0-9]){w}*{lo}{up}{w}*"),
    ("join2", r"(?:{up}|[0-9]){w}*{lo}{up}{w}*{lo}{up}{w}*"),
    (
        "join3",
        r"(?:{up}|[0-9]){w}*{lo}{up}{w}*{lo}{up}{w}*{lo}{up}{w}*",
    ),
    // Breadcrumb separators; "/" and "|" need spaces around them.
    ("bsep", r" (?:/|\||\\|•|·) | ?(?:>|›|»|→|>>|::|⟩|⟫|≫) ?"),
    // A breadcrumb item: one to four words, the first capitalised.
    (
        "bitem",
        r"(?:{up}|[0-9])[^ >›»→|/\\•·]*(?: [^ >›»→|/\\•·]+){0,3}",
    ),
    // The first item of a breadcrumb without a navigation word: it starts
    // with a capital, not a digit ("2 A headline → ..." is a list entry),
    // and its first word is not "By" ("By Jane Doe | Staff Writer" is a
    // byline).
    (
        "bfirst",
        r"{up}(?:[^ yY>›»→|/\\•·][^ >›»→|/\\•·]*|[yY][^ >›»→|/\\•·]+)?(?: [^ >›»→|/\\•·]+){0,3}",
    ),
    // The last breadcrumb item may be a whole article title.
    ("blast", r"(?:{up}|[0-9])[^ >›»→|]*(?: [^ >›»→|]+)*"),
    // "You are here:" before a breadcrumb.
    (
        "here",
        r"(?:you are here|sie sind hier|usted está aquí|está en|vous êtes ici|ti trovi in|você está em|u bent hier|buradasınız) ?:? ?",
    ),
    // Skip links: "Skip to main content", "Zum Inhalt springen".
    (
        "skip",
        r"skip (?:to )?(?:the )?(?:main content|content|main|navigation|main navigation|menu|search|footer|sidebar|primary sidebar|primary navigation)|jump to (?:navigation|content|main content|search|menu)|(?:zum|zur) (?:inhalt|hauptinhalt|navigation|suche|hauptnavigation)(?: springen| wechseln)?|(?:direkt|springe) zum (?:inhalt|hauptinhalt)|(?:ir|saltar|pasar) al contenido(?: principal)?|saltar a la navegación|(?:aller|passer) (?:au contenu|à la navigation|au menu)(?: principal)?|(?:vai|salta|passa) al contenuto(?: principale)?|(?:ir|pular|saltar) para o conteúdo(?: principal)?|(?:ga )?naar (?:de )?(?:inhoud|hoofdinhoud)(?: springen)?|(?:ana )?[iİ]çeriğe (?:geç|atla)",
    ),
    // Menu and search controls, back-to-top links.
    (
        "control",
        r"toggle (?:navigation|menu|search)|(?:open|close|show|hide) (?:the )?(?:menu|navigation|search)|(?:main|primary|mobile|site|top) (?:menu|navigation)|menu|menü|menú|hauptmenü|navigation(?: menu)?|(?:all )?sections|close|search(?:…|\.\.\.| this site| the site)?|suchen?|buscar|búsqueda|rechercher?|cerca|pesquis(?:ar|a)|zoeken|arama|(?:back|go|scroll|return) to (?:the )?top(?: of (?:the )?page)?|top of page|(?:zurück )?nach oben|volver arriba|ir arriba|subir|retour en haut(?: de (?:la )?page)?|haut de page|torna su|torna all'inizio|voltar ao topo|(?:terug )?naar boven|başa dön|yukarı çık",
    ),
    // Previous / next words.
    (
        "pnword",
        r"previous|prev\.?|next|older|newer|vorherige[rs]?|nächste[rs]?|zurück|weiter|ältere|neuere|anterior(?:es)?|siguientes?|próxim[oa]s?|précédente?s?|suivante?s?|plus anciens|plus récents|precedente|precedenti|successiv[oaie]|prossim[oa]|vorige|volgende|oudere|nieuwere|önceki|sonraki",
    ),
    // What previous / next refers to.
    (
        "pnnoun",
        r"posts?|articles?|entry|entries|pages?|story|stories|chapter|item|image|photo|slide|news|beitrag|beiträge|artikel|seite|entradas?|artículos?|páginas?|noticias?|articolo|articoli|pagina|artigos?|notícias?|berichten?|yazı|haber|sayfa",
    ),
    // What a previous / next link with a title points to.
    (
        "pnpost",
        r"posts?|articles?|story|entry|beitrag|artikel|entrada|artículo|noticia|articolo|artigo|notícia|bericht|yazı|haber",
    ),
    // A previous / next link: "« Previous Post", "Page suivante", "Next →".
    (
        "pnlink",
        r"(?:{larr})? ?(?:{pnnoun} )?{pnword}(?: {pnnoun})? ?(?:{rarr})?",
    ),
    ("larr", r"[«‹←⟵<]|<<|&laquo;"),
    ("rarr", r"[»›→⟶>]|>>|&raquo;"),
    // A page number or an ellipsis in a pager.
    ("pnum", r"[0-9]{1,3}|…|\.\.\."),
    // "More" buttons.
    (
        "more",
        r"load more(?: posts| articles| stories| news)?|show more|view more|see more|view all|see all|read more|continue reading|mehr laden|mehr anzeigen|alle anzeigen|weiterlesen|mehr lesen|cargar más|ver más|ver todo|leer más|seguir leyendo|voir plus|afficher plus|lire la suite|tout voir|carica altri|mostra altro|leggi tutto|leggi di più|continua a leggere|carregar mais|ver mais|leia mais|continuar lendo|meer laden|lees meer|toon meer|daha fazla(?: yükle| göster)?|devamını oku|tümünü gör|(?:go to |view )?(?:the )?permalink(?: ?: ?\S+)?|permanent link|(?:direct )?link to this (?:post|article|story|comment|page)",
    ),
];

/// The family table.
pub static FAMILY: Family = Family {
    name: "navigation",
    reason: Reason::Navigation,
    max_words: 30,
    check: None,
    requires: None,
    parts: PARTS,
    patterns: &[
        // Glued menus: "HomeNews" (the second item a word of four letters or
        // more, so "HomeKit" is left alone), "HomeNewsWorldPolitics",
        // "HomeNewsCouncil approves the budget", "HomeAll ArticlesSomething Long".
        r"{navglue}{up}{lo}{lo}{lo}[^ ]*",
        r"{navglue}{up}[^ ]*{lo}{up}.*",
        r"{navglue}{up}[^ ]*(?: {captok})* {join1}.*",
        // A lone navigation word: "Home", "Startseite".
        r"{navword}",
        // Breadcrumbs: "Home > News > World", "Inicio » Noticias",
        // "About Us | Contact | Privacy Policy".
        r"(?:{here})?{navword}(?:{bsep}{bitem})*{bsep}{blast}",
        r"(?:{here})?{bfirst}{bsep}{bitem}(?:{bsep}{bitem})*{bsep}{blast}",
        // Skip links, one or several: "Skip to main content",
        // "Jump to navigation Jump to search".
        r"{skip}(?: ?[,|]? ?{skip})*",
        // Menu controls, optionally with icons: "☰ Menu", "↑ Back to top";
        // a search box with its button: "Search this site Search".
        r"[☰≡↑⬆▲^×✕✖]? ?{control}(?: {control})? ?[☰≡↑⬆▲^×✕✖…]?",
        // A wiki's tagline under the page title: "From Somewiki, the free encyclopedia".
        r"(?:from|aus|de|da|van|z) [^,]{1,40}, (?:the free|die freie|la enciclopedia libre|l'encyclopédie libre|l'enciclopedia libera|a enciclopédia livre|de vrije|wolna) (?:encyclopedia|dictionary|enzyklopädie|encyclopédie|encyclopedie|encyklopedia)",
        // A wiki's hatnote pointing elsewhere: "For the river, see Foo River.",
        // "Not to be confused with Bar.", "\"Foo\" redirects here. For …, see ….".
        r"(?:[^.]{1,60} redirects here\. )?(?:for|for other uses|for the [^,]{1,40}|this article is about [^.]{1,80}\. for [^,]{1,60}),? [^,]{0,80}, see [^.]{1,80}\.?",
        r"not to be confused with [^.]{1,80}\.?",
        // Previous / next, alone or as a pair: "Next", "« Previous Post",
        // "Next article →", "Page suivante", "« Vorige | Volgende »".
        r"{pnlink}(?: ?[|·•]? ?{pnlink})?",
        // Previous / next with the linked title: "Next article: A Title",
        // "Previous story A Title".
        r"(?:{larr}) ?{pnword}(?: {pnpost} ?:?| ?:) .+",
        r"{pnword} {pnpost} ?: ?.+",
        r"(?:previous|next|older|newer) (?:post|article|story|entry) {up}.*",
        // Page counters: "Page 2 of 5", "Seite 2 von 5".
        r"(?:page|seite|página|pagina|pag\.|p\.|sayfa) ?[0-9]{1,4} ?(?:of|von|de|sur|di|van|/) ?[0-9]{1,4}",
        // Pagers: "1 2 3 … 10 Next", "« Prev 1 2 3 Next »", "Pages: 1 2 3".
        r"(?:pages? ?: ?)?{pnum}(?: {pnum}){2,}",
        r"(?:pages? ?: ?)?{pnum}(?: \| {pnum}){2,}",
        r"(?:(?:{larr})? ?(?:{pnword})? )?(?:pages? ?: ?)?{pnum}(?: {pnum})+ (?:{pnword}(?: ?(?:{rarr}))?|{rarr})",
        r"(?:{larr})? ?(?:{pnword}) (?:pages? ?: ?)?{pnum}(?: {pnum})+(?: (?:{pnword})? ?(?:{rarr})?)?",
        // "Load more", "Read more »", "Weiterlesen".
        r"(?:{more}) ?(?:{rarr}|…|\.\.\.)?",
    ],
};

/// Glued menus without a navigation word: a title-case line with at least
/// three glued joins (four items), in one word or spread over several; two
/// joins are too often a name ("VanDerWerff"). A family of its own only so
/// that a line with no glued join at all (a lower-case letter right before
/// an upper-case one) skips these patterns, which read every title-case
/// line to its end; it claims what [`FAMILY`] would, for the same reason.
pub static GLUED: Family = Family {
    name: "navigation-glued",
    requires: Some(has_glued_joins),
    patterns: &[
        r"(?:(?:{tctok}) )*{join3}(?: (?:{tctok}))*",
        r"(?:(?:{tctok}) )*{join2}(?: (?:{tctok}))* {join1}(?: (?:{tctok}))*",
        r"(?:(?:{tctok}) )*{join1}(?: (?:{tctok}))* {join2}(?: (?:{tctok}))*",
        r"(?:(?:{tctok}) )*{join1}(?: (?:{tctok}))* {join1}(?: (?:{tctok}))* {join1}(?: (?:{tctok}))*",
    ],
    ..FAMILY
};

/// How many glued joins every text [`GLUED`] claims holds: each of its
/// patterns has three (one word with three, two words with two and one,
/// or three words with one each).
const GLUED_JOINS_NEEDED: usize = 3;

/// Whether the text has [`GLUED_JOINS_NEEDED`] lower-case letters right
/// before an upper-case one, as [`GLUED`]'s joins spell them (`{lo}{up}`).
/// A line of prose naming "YouTube" has one, and its automata would read
/// it all before they refused it.
fn has_glued_joins(text: &str) -> bool {
    static JOIN: LazyLock<Regex> = LazyLock::new(|| {
        let part = |name: &str| {
            PARTS
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, p)| *p)
        };
        Regex::new(&format!("{}{}", part("lo"), part("up")))
            .expect("the letter classes are valid regexes")
    });
    if text.is_ascii() {
        // The letter classes' only ASCII members are a-z and A-Z.
        let joins = text
            .as_bytes()
            .windows(2)
            .filter(|pair| pair[0].is_ascii_lowercase() && pair[1].is_ascii_uppercase())
            .count();
        return joins >= GLUED_JOINS_NEEDED;
    }
    JOIN.find_iter(text).nth(GLUED_JOINS_NEEDED - 1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::{check_families, check_family};

    #[test]
    fn glued_menus() {
        check_families(
            &[&FAMILY, &GLUED],
            &[
                "HomeAll ArticlesSomething Long",
                "HomeNewsWorldPolitics",
                "HomeBlog",
                "StartseitePolitikWirtschaftKultur",
                "InicioNoticiasDeportes",
                "AccueilActualitésSport",
                "HomeNewsCouncil approves the new budget for schools",
                "Toggle navigationHomeAboutContact",
                "Main menuHomeShopContact Us",
                "NewsWorldPoliticsBusiness",
                "World NewsSportTech & ScienceCulture",
                "About UsOur TeamCareersContact",
            ],
            &[
                "JavaScript",
                "iPhone",
                "McDonald",
                "HomePod sales rose in the third quarter.",
                "JavaScript and TypeScript are popular with developers.",
                "The iPhone and the MacBook were both updated this year.",
                "Homeland",
                "HomeKit",
                "StartUp",
                "HOMELAND SECURITY",
                "Starters and mains are served until ten.",
                "Why JavaScript Beats TypeScript",
                "She bought an iPhone at the McDonald store on PlayStation day.",
                "By Anna VanDerBerg",
                "Interview with the DeLaRosa family",
                "新版SketchPad和WebForge现已发布，用户可以免费升级到PixelPaintPro。",
                "config.loadFileSettingsFromDisk",
            ],
        );
        // The joins alone: no navigation word, four glued items.
        check_family(
            &GLUED,
            &[
                "NewsWorldPoliticsBusiness",
                "About UsOur TeamCareersContact",
            ],
            &["HomeBlog", "World News Sport Tech", "iPhoneMacBook"],
        );
        assert!(has_glued_joins("SportTechScienceCulture"));
        assert!(has_glued_joins("ΕιδήσειςΚόσμοςΑθλητισμόςΚαιρός"));
        assert!(has_glued_joins("NewsSport TechScience CultureArts"));
        assert!(!has_glued_joins("SportTechScience"));
        assert!(!has_glued_joins("Follow us on YouTube and LinkedIn"));
        assert!(!has_glued_joins("Sport Tech & Science"));
    }

    #[test]
    fn breadcrumbs() {
        check_family(
            &FAMILY,
            &[
                "Home > News > World",
                "Home / Blog / 2021",
                "Startseite › Politik › Inland",
                "Inicio » Noticias",
                "Home | About | Contact",
                "Accueil > Actualités > Le conseil vote le budget",
                "You are here: Home » Travel » Europe",
                "Home>News>World",
                "About Us | Contact | Privacy Policy | Terms of Use",
                "News › Science › A new comet was spotted over the bay",
                "Home",
                "Startseite",
            ],
            &[
                "Home prices rose again in the spring.",
                "Home is where the heart is",
                "The ratio fell from 3 / 4 to 1 / 2 over the year.",
                "He said the score was 2 > 1 at half time",
                "Input and output are both measured in volts.",
                "Home Office Minister Resigns",
                "Startups in the region raised more money this year.",
                "Homepage redesign is complete and live now",
                "By Jane Doe | Staff Writer | Politics",
                "By Jane Doe · Science Editor · Space",
            ],
        );
    }

    #[test]
    fn skip_links_and_controls() {
        check_family(
            &FAMILY,
            &[
                "Skip to main content",
                "Skip to content",
                "Jump to navigation",
                "Jump to navigation Jump to search",
                "Toggle navigation",
                "Menu",
                "☰ Menu",
                "Main menu",
                "Close menu",
                "Search",
                "Search…",
                "Search this site  Search",
                "Menu Close",
                "From Somewiki, the free encyclopedia",
                "For the river in Norway, see Glomma River.",
                "For other uses, see Lantern (disambiguation).",
                "\"Lantern\" redirects here. For the band, see Lanterns (band).",
                "Not to be confused with Latern.",
                "Back to top",
                "↑ Back to top",
                "Zum Inhalt springen",
                "Ir al contenido",
                "Aller au contenu principal",
                "Vai al contenuto",
                "Naar boven",
                "İçeriğe geç",
            ],
            &[
                "Search and rescue teams worked through the night.",
                "Skip the queue with an online ticket",
                "Menu prices at the cafe went up last month.",
                "Close to the border, the road narrows.",
                "Back to school season has started early",
                "The menu changes every week.",
                "Navigation was difficult in the fog.",
                "Searching for the lost dog took all afternoon.",
                "For years, the council said, residents had to see a doctor in the next town.",
                "From the start, the free market was the party's answer.",
            ],
        );
    }

    #[test]
    fn pagination() {
        check_family(
            &FAMILY,
            &[
                "Previous",
                "Next",
                "« Previous Post",
                "Next article →",
                "Next Post »",
                "Page 2 of 5",
                "Seite 3 von 12",
                "1 2 3 … 10 Next",
                "« Prev 1 2 3 Next »",
                "Pages: 1 2 3",
                "Older posts",
                "Newer posts",
                "Load more",
                "Go to permalink",
                "Permalink: https://example.org/-123",
                "Link to this comment",
                "Read more »",
                "Nächste Seite",
                "Entradas anteriores",
                "Page suivante",
                "Articolo precedente",
                "Sonraki sayfa",
                "Next article: The river walk reopens",
                "« Vorige | Volgende »",
                "← Previous story Next story →",
                "« Previous: A walk along the old canal",
                "Previous article The river walk reopens",
                "1 | 2 | 3",
            ],
            &[
                "Next year, the school will open a second campus.",
                "Previously, she had worked as a nurse.",
                "Next, stir in the flour and the sugar.",
                "Older residents remember the flood well.",
                "Page 2 of the report lists every school.",
                "Page",
                "12 500",
                "1 in 5 adults",
                "Load the dishwasher before you leave.",
                "Read more books this year",
                "« Bonjour », dit-elle en entrant dans la pièce.",
                "He came in first, then next.",
                "Next Chapter: A New Beginning",
                "« Suivant les règles, il partit vers le nord. »",
                "Next Stop: Paris",
            ],
        );
    }
}
