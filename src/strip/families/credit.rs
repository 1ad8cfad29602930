//! Plugin, theme and platform credits: "Powered by X", "\<Plugin\> Powered By :
//! \<vendor\>", "Theme: X by Y", "Designed by X", "Made with ♥ by X", "Built
//! with X", "Comments powered by X", and their Spanish, German, French,
//! Italian, Portuguese and Dutch counterparts. Several credits may share a
//! line, separated by bars or dots.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "credit",
    reason: Reason::Credit,
    max_words: 16,
    check: None,
    requires: None,
    parts: &[
        // One credit: any of the forms below.
        (
            "credit",
            r"{credit_powered}|{credit_theme}|{credit_madeby}|{credit_siteby}|{credit_serviceby}|{credit_labelled}|{credit_builtwith}|{credit_blogat}|{credit_foreign}",
        ),
        // A product, part of the site or nothing, then "powered by" and a name:
        // "Powered by WordPress", "WPForms Powered By : Acme", "Comments powered by X".
        (
            "credit_powered",
            r"(?:{prod}\s*[-–—:]?\s*)?(?:{lead}\s(?:is\s)?)?{pb}(?:(?:\s*:\s*|\s+){who})?",
        ),
        // Theme, template, skin and plugin credits: "Theme by X", "Astra theme by X",
        // "Theme: Neve by X".
        (
            "credit_theme",
            r"(?:{prod}\s*[-–—:]?\s*)?(?:(?:wordpress|blogger|ghost|tumblr|shopify|joomla|drupal|hugo|jekyll|free|premium|blog|site|website|child|responsive)\s)?(?:theme|template|skin|plugin|layout)s?(?:\s*:\s*{anyname})?\s+(?:by|from|designed by|developed by|created by|made by)(?:\s*:\s*|\s+){who}",
        ),
        // Made/designed/hosted by a name: "Website designed and developed by X",
        // "Made with ♥ in Berlin by X".
        (
            "credit_madeby",
            r"(?:{lead}\s)?(?:{verb})(?:\s(?:and|&|\+|/)\s(?:{verb}))?(?:\swith\s{heart})?(?:\s(?:in|from)\s{prod})?\s(?:by|from)(?:\s*:\s*|\s+){who}",
        ),
        // "Site by X", "Web design by X", "Design & development by X".
        (
            "credit_siteby",
            r"(?:web ?site|site|web ?design|site design|design|design (?:and|&) development|development)\s+by(?:\s*:\s*|\s+){who}",
        ),
        // A service and its provider: "Search by X", "Cookie consent by X".
        (
            "credit_serviceby",
            r"(?:{service})\s(?:(?:powered|provided|protected|secured|hosted|delivered|managed|optimi[sz]ed)\s)?by(?:\s*:\s*|\s+){who}",
        ),
        // A label and a colon: "Web design: X", "Hosting: X".
        (
            "credit_labelled",
            r"(?:web ?design|web ?site(?: design)?|site design|hosting|web ?development|webentwicklung|umsetzung)\s*:\s*{who}",
        ),
        // Built with a tool or with love: "Built with Hugo", "Published with Ghost",
        // "Made with ♥ by X".
        (
            "credit_builtwith",
            r"(?:{lead}\s(?:is\s)?)?(?:built|made|crafted|created|coded|designed|hand-?crafted|developed|published|generated|running|runs|proudly made)\s(?:with|using|on)\s(?:{tool})(?:\s(?:and|&|\+|by|in|using|on|with|from|for)\s(?:{tool})){0,3}",
        ),
        // Hosted-platform footers: "Blog at example.com.".
        (
            "credit_blogat",
            r"(?:create a (?:free )?(?:website|blog)(?: or (?:website|blog))?|start a (?:free )?blog|blog|website) at [^\s,;!?]+\.[a-z]{2,}\.?",
        ),
        // The same credits in other languages: the phrase, then a name.
        (
            "credit_foreign",
            r"(?:{es}|{de}|{fr}|{it}|{pt}|{nl})(?:\s*:\s*|\s+){who}",
        ),
        // Spanish: "Realizado con X", "Desarrollado por X", "Tema por X".
        (
            "es",
            r"realizado con|hecho con(?: {heart})?(?: (?:por|en))?|creado con|desarrollado (?:por|con)|diseñado por|diseño(?: y desarrollo)?(?: web)? por|diseño web\s?:|sitio (?:web )?(?:creado|desarrollado|diseñado|realizado) (?:por|con)|(?:plantilla|tema)(?: wordpress| blogger)? (?:por|creado por|desarrollado por|diseñado por)",
        ),
        // German: "Erstellt mit X", "Webdesign: X", "Mit ♥ gemacht von X".
        (
            "de",
            r"erstellt mit|entwickelt von|gestaltet von|umgesetzt (?:mit|von)|realisiert (?:mit|von|durch)|programmiert von|web ?design(?: von|\s?:)|design von|theme von|vorlage von|mit {heart} (?:gemacht|erstellt|entwickelt)(?: von| in)?",
        ),
        // French: "Réalisé avec X", "Thème par X", "Hébergé par X".
        (
            "fr",
            r"réalisé avec|site réalisé par|conçu par|conception(?: et réalisation)? (?:du site|web)\s?:|créé avec|développé par|(?:thème|modèle)(?: wordpress| blogger)? (?:par|conçu par|créé par|développé par)|hébergé par|hébergement\s?:|fait avec {heart}(?: par)?",
        ),
        // Italian: "Realizzato con X", "Sviluppato da X".
        (
            "it",
            r"realizzato con|sviluppato da|creato con|progettato da|tema(?: wordpress)? (?:sviluppato|creato|realizzato) da",
        ),
        // Portuguese: "Desenvolvido por X", "Feito com ♥ por X".
        (
            "pt",
            r"desenvolvido por|criado com|feito com(?: {heart})?(?: por)?",
        ),
        // Dutch: "Ontwikkeld door X", "Gemaakt met X".
        ("nl", r"ontwikkeld door|gemaakt met|ontwerp door"),
        // What a "built with" line names: a product or a heart.
        ("tool", r"{prod}|{heart}"),
        // "Powered by" and its translations.
        (
            "pb",
            r"(?:proudly |fièrement |orgulhosamente )?(?:powered by|powered with|propulsé par|propulsado por|impulsado por|funciona con|con la tecnología de|betrieben (?:mit|von)|bereitgestellt von|realizzato con|sviluppato con|mogelijk gemaakt door|desenvolvido com|movido (?:a|por))",
        ),
        // Parts of a site that carry a credit of their own.
        (
            "lead",
            r"(?:this |our |the )?(?:web ?site|site|blog|page|store|shop|forum|comments?|comment system|search|newsletter|podcast|app|cookie (?:consent|banner|notice|compliance)|consent management|forms?|contact forms?|chat|live chat|analytics|e-?mail marketing|spam protection|anti-?spam|security|hosting|cdn|translations?|fonts?|icons?)",
        ),
        // Services credited with a plain "by": "Comments by Disqus".
        (
            "service",
            r"cookie (?:consent|banner|notice|compliance)|consent management|comments?|comment system|search|forms?|contact forms?|live chat|analytics|e-?mail marketing|spam protection|anti-?spam|security|hosting|cdn|fonts?|icons?",
        ),
        // Verbs of making.
        (
            "verb",
            r"design(?:ed)?|develop(?:ed|ment)|built|made|created|crafted|hand-?crafted|coded|hosted|hosting|maintained|programmed|engineered|generated|managed|optimi[sz]ed",
        ),
        // The credited party: a first word of any kind, then up to four more
        // that look like a name (capitalised, a digit or symbol, a domain, or
        // a connector such as "and", "the", "von", "studio"). This keeps
        // "Hosted by the city for the third time." out.
        (
            "who",
            r"[^\s,;!?|·•]+(?: (?:(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω\d@&+♥❤…(\-–—])[^\s,;!?|·•]*|[^\s,;!?|·•]+\.[a-z]{2,}\.?|(?:and|und|y|et|e|&|the|of|de|del|la|le|les|von|van|der|den|du|di|da|team|studio|agency|group|media|design|digital|labs?|themes?|web|inc|ltd|llc|gmbh|s\.a|co)\.?)){0,4}",
        ),
        // A product name before "powered by": one to four capitalised words.
        (
            "prod",
            r"(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω\d][^\s,;!?|·•:]*)(?: (?-i:[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω\d&][^\s,;!?|·•:]*)){0,3}",
        ),
        // Any short name (theme names after "Theme:").
        ("anyname", r"[^\s,;!?|·•:]+(?: [^\s,;!?|·•:]+){0,3}"),
        // Love, care and the symbols for it.
        (
            "heart",
            r"♥\x{FE0F}?|❤\x{FE0F}?|♡|💙|💜|🖤|💚|🧡|💛|🤍|<3|love|care|passion|pride|coffee|☕\x{FE0F}?",
        ),
        // Separators between credits on one line.
        ("sep", r"\s*[|·•/–—-]\s*|\.\s+"),
    ],
    // Parts are listed top-down ("credit" first, leaves last) so one
    // expansion round resolves the whole tree.
    patterns: &[
        // "Powered by WordPress", "Theme: Astra by Brainstorm Force.",
        // "Proudly powered by WordPress | Theme by Acme Themes"
        r"(?:(?:{credit})\.?(?:{sep})?)+",
        // "This form is protected by reCAPTCHA and the provider's terms apply."
        r"(?:this (?:site|page|form) is )?protected by recaptcha\b.*",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::check_family;

    #[test]
    fn powered_by() {
        check_family(
            &FAMILY,
            &[
                "Powered by WordPress",
                "Proudly powered by WordPress",
                "Proudly powered by WordPress.",
                "powered by blogger",
                "Powered by Ghost",
                "Powered by",
                "WPForms Powered By : Acme Labs",
                "Contact Form Powered by Example Vendor",
                "FancyGallery POWERED BY: Sample Studio",
                "Site powered by Squarespace",
                "This website is powered by Wix",
                "Comments powered by Disqus",
                "Cookie consent by Example Consent",
                "Search by Algolia",
                "Website Powered by WordPress.com.",
                "Propulsé par WordPress",
                "Fièrement propulsé par WordPress",
                "Betrieben mit Ghost",
                "Con la tecnología de Blogger",
                "This page is protected by reCAPTCHA and the provider's terms apply.",
                "Protected by reCAPTCHA",
            ],
            &[
                "The bus is powered by hydrogen and runs every ten minutes.",
                "Powered by hydrogen and runs every ten minutes",
                "Powered by solar panels, the station needs no grid connection at all.",
                "Most cars in the city are still powered by petrol, the survey found.",
                "The comments powered a debate that lasted for weeks on the forum.",
                "Search by the river continued through the night, police said.",
                "The new plant, powered by wind, opened on Tuesday.",
                "Powered",
                "He powered through the final lap despite the rain.",
                "Her speech was powered by anger and grief in equal measure.",
            ],
        );
    }

    #[test]
    fn theme_and_design_credits() {
        check_family(
            &FAMILY,
            &[
                "Theme by Example Themes",
                "Theme: Twenty Twenty-Four by the WordPress team.",
                "Theme: Neve by Themeisle.",
                "Astra theme by Brainstorm Force",
                "Blogger Template by Example Studio",
                "WordPress Theme by Acme",
                "Template by …",
                "Plugin by Sample Plugins",
                "Designed by Jane Doe",
                "Design by Acme Web Studio",
                "Website by North Digital",
                "Site by Southside Media",
                "Web design by Pixel & Co",
                "Website designed and developed by Acme",
                "Developed by Contoso Labs",
                "Hosted by ExampleHost",
                "Website design: Example Agency",
                "Proudly powered by WordPress | Theme: Astra by Brainstorm Force.",
                "Powered by WordPress · Designed by Jane Doe",
                "Copyleft Theme by Sample",
            ],
            &[
                "The bridge was designed by a team of engineers from three countries.",
                "Developed by the ministry, the plan was never funded.",
                "Designed by a team of engineers from three countries.",
                "Hosted by the city for the third time.",
                "The theme of the exhibition was chosen by the curators last spring.",
                "Variations on a Theme by Haydn was first performed in Vienna in 1873.",
                "The site was developed by speculators who went bankrupt in 2009.",
                "Design by committee rarely produces anything memorable, she wrote.",
                "The plugin by default stores every message in plain text, which worries users.",
                "Made by hand in a small workshop, each chair takes a week to finish.",
                "Skin Debate",
                "Plantillas de Excel",
                "Theme Designers",
                "Modèles de robes",
                "Tema de la semana",
                "Thème : la mémoire et l'oubli",
                "Diseño: una historia breve",
            ],
        );
    }

    #[test]
    fn built_with_credits() {
        check_family(
            &FAMILY,
            &[
                "Built with Hugo",
                "Built with Jekyll and GitHub Pages",
                "Made with ♥ by Jane Doe",
                "Made with ❤️ in Berlin by Example Studio",
                "Made with love by Acme",
                "Crafted with care by Sample Studio",
                "Published with Ghost",
                "Made with Webflow",
                "Blog at WordPress.com.",
                "Create a free website or blog at WordPress.com.",
                "Realizado con WordPress",
                "Hecho con ♥ por Ejemplo",
                "Desarrollado por Ejemplo Digital",
                "Erstellt mit Jimdo",
                "Webdesign: Beispiel Agentur",
                "Propulsé par Ghost | Thème par Exemple",
                "Tema por Ejemplo Temas",
                "Realizzato con WordPress",
                "Desenvolvido por Exemplo Web",
            ],
            &[
                "Built with care over two decades, the library now holds a million books.",
                "Built with care over two decades.",
                "Made with fresh tomatoes and basil, the sauce is simple.",
                "Made with fresh tomatoes and basil.",
                "Built with Lego bricks and a lot of patience.",
                "The wall was built with stones taken from the old castle.",
                "Made with love, the quilt took her three winters to finish and it shows.",
                "Hecho con harina de maíz, el pan es típico de la región.",
                "Erstellt mit großer Mühe, wurde das Werk nie veröffentlicht.",
                "Built on top of an old landfill, the park opened in 1998.",
            ],
        );
    }
}
