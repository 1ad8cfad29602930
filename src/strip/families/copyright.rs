//! Copyright and legal footer lines: "© 2021 Some Site. All rights
//! reserved.", "Copyright © 2019–2024 X", "(c) 2020 X", "All rights reserved"
//! in several languages, Creative Commons licence notes, and rows of legal
//! links ("Privacy Policy | Terms of Use", "Impressum", "Mentions légales").

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "copyright",
    reason: Reason::Copyright,
    // Copyright footers run long ("© 2024 X. All rights reserved. Use of this
    // site constitutes acceptance of …"); every pattern that allows a long
    // tail starts with the copyright sign or word and a year.
    max_words: 60,
    check: None,
    requires: None,
    parts: &[
        // A year or a span of years: "2021", "2019–2024", "2015-present".
        (
            "year",
            r"(?:19|20)\d{2}(?:\s*[-–—/]\s*(?:(?:19|20)?\d{2}|present|now|today|heute|presente|aujourd'hui))?",
        ),
        // A short name: up to six words without sentence punctuation.
        ("name", r"[^\s,;!?|·•©]+(?: [^\s,;!?|·•©]+){0,5}"),
        // An owner's name: a first word of any kind, then up to four that
        // look like a name (capitalised, a digit or symbol, a domain, or a
        // connector), so "(c) 2019 data were excluded" is not an owner.
        (
            "owner",
            r"[^\s,;!?|·•©]+(?: (?:(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω\d@&+(\-–—])[^\s,;!?|·•©]*|[^\s,;!?|·•©]+\.[a-z]{2,}\.?|(?:and|und|y|et|e|&|the|of|de|del|la|le|les|von|van|der|den|du|di|da|inc|ltd|llc|gmbh|s\.a|co|plc|ag|group|media|news)\.?)){0,4}",
        ),
        // "All rights reserved" and its translations.
        (
            "arr",
            r"all rights? reserved|some rights reserved|alle rechte vorbehalten|todos los derechos reservados|tous droits réservés|tutti i diritti riservati|todos os direitos reservados|alle rechten voorbehouden|wszelkie prawa zastrzeżone|все права защищены|tüm hakları saklıdır|版权所有|版權所有|著作権所有|無断転載を禁じます",
        ),
        // A legal or footer link strong enough to stand alone.
        (
            "legal",
            r"(?:website |site |online |our )?privacy (?:policy|notice|statement|center|centre|information)|privacy (?:and|&) cookies?(?: policy| notice)?|cookie (?:policy|notice|statement)|cookies policy|terms of (?:use|service|sale)|terms (?:and|&) conditions|terms (?:and|&) privacy|(?:website |site )terms|legal notice|legal information|legal disclaimer|imprint|impressum|datenschutz(?:erklärung|hinweise|richtlinie)?|nutzungsbedingungen|agb|aviso legal|aviso de privacidad|política de privacidad|política de cookies|términos y condiciones|términos de uso|condiciones de uso|mentions légales|politique de confidentialité|politique (?:relative aux|de) cookies|conditions générales(?: d'utilisation| de vente)?|cgu|cgv|note legali|informativa (?:sulla )?privacy|termini e condizioni|política de privacidade|termos de uso|privacybeleid|algemene voorwaarden|contact us|about us|do not sell (?:or share )?my (?:personal )?(?:info|information|data)|your privacy choices|your (?:california|us state) privacy rights",
        ),
        // Any link that appears in a row of footer links.
        (
            "link",
            r"{legal}|privacy|terms|legal|disclaimer|accessibility(?: statement)?|sitemap|site map|contact|about|careers|jobs|press|advertise|help|faq|rss|cookies|cookie settings|manage cookies|home|kontakt|über uns|barrierefreiheit|contacto|quiénes somos|sobre nosotros|nous contacter|qui sommes-nous|à propos|contatti|chi siamo|contato|sobre",
        ),
        // What a notice may name before the sign: "Text ©", "All content ©",
        // "example.com ©".
        (
            "what",
            r"(?:site |website |all |page |photos? and )?(?:text|content|contents|photos?|images?|design|material|articles?|site|website|logo)|[^\s©]+\.[a-z]{2,}",
        ),
        // What follows the sign: short segments (a name, "All rights
        // reserved", a link) or legal sentences, split by bars or full stops.
        // A long sentence without legal wording is prose (a caption that runs
        // into the article), so the notice does not swallow it.
        ("tail", r"{seg}(?:(?:{segsep})(?:{seg}))*[.!?。]?"),
        (
            "seg",
            r"[^\s|·•]+(?: [^\s|·•]+){0,9}|[^.!?|·•。]*(?:\b(?:{kw})|{cjk})[^.!?|·•。]*",
        ),
        ("segsep", r"[.!?。]?\s*[|·•]\s*|\s+[/–—-]\s+|[.!?。]\s*"),
        // Words of legal boilerplate.
        (
            "kw",
            r"rights?|reserved|reproduc\w*|republica\w*|permission|prohibited|trademarks?|registered|registration|licen[cs]\w*|terms|privacy|polic(?:y|ies)|cookies?|responsible|external|affiliate|compensation|commission|agreement|acceptance|constitutes|copyright|unauthori[sz]ed|written|consent|distribut\w*|material|derechos|droits|rechte|diritti|direitos|reservados|réservés|vorbehalten|riservati",
        ),
        ("cjk", r"無断転載|転載|版权|版權|著作権|禁じます|禁止"),
        // Separators between footer links.
        ("sep", r"\s*[|·•/,–—-]\s*|\s"),
    ],
    patterns: &[
        // "© 2021 Some Site. All rights reserved.", "© Jane Doe 2021",
        // "Text © 2020 Jane Doe", "2024 © Acme", "ⓒ Acme"
        r"(?:{what}\s)?(?:{year}\s*)?(?:©|ⓒ|🄯)(?:\s*{tail})?",
        // "Copyright © 2019–2024 X", "Copyright 2021 X", "Copyright (c) X"
        r"(?:{what}\s)?(?:copyright|copr\.)\s*(?:©|ⓒ|\(c\)|:)?\s*{year}\b(?:\s*{tail})?",
        r"(?:{what}\s)?copyright\s*(?:©|ⓒ|\(c\))(?:\s*{tail})?",
        // "(c) 2020 Example Org", "Copyright Acme Media 2024",
        // "(c) Jane Doe, 2020. All rights reserved."
        r"\(c\)\s*{year},?\s+{owner}\.?(?:\s*{arr}\.?)?(?:(?:{sep})(?:{link}))*",
        r"(?:copyright|\(c\))\s+{owner}\s*,?\s*{year}\.?(?:\s*{arr}\.?)?(?:(?:{sep})(?:{link}))*",
        // "All rights reserved.", "Acme Ltd. All rights reserved.",
        // "Alle Rechte vorbehalten."
        r"(?:{name}\s*[.,–—-]?\s*)?(?:{arr})\.?(?:(?:{sep})(?:{link}))*",
        // "This work is licensed under a Creative Commons Attribution 4.0
        // International License."
        r"(?:(?:this|the|all) (?:work|site|blog|article|content|page|text|website)(?:'s content)? (?:is |are )?)?(?:licensed|published|available) under (?:a |the )?(?:creative commons|cc[ -]by)\b.*",
        // "Privacy Policy | Terms of Use", "Impressum", "About Us · Contact"
        r"(?:(?:{link})(?:{sep}))*(?:{legal})(?:(?:{sep})(?:{link}))*",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::check_family;

    #[test]
    fn copyright_notices() {
        check_family(
            &FAMILY,
            &[
                "© 2021 Some Site. All rights reserved.",
                "©2024 Example Media Group Ltd. All rights reserved. Reproduction in whole or in part without permission is prohibited.",
                "© Jane Doe 2021",
                "© Example News",
                "2024 © Acme",
                "Text © 2020 Jane Doe",
                "Copyright © 2019–2024 Example Publishing",
                "Copyright ⓒ Example Media. All rights reserved.",
                "Copyright © Example Press",
                "Copyright 2021 Sample Blog",
                "COPYRIGHT 2015-PRESENT ACME",
                "Copyright: 2018 Jane Doe",
                "Copyright Acme Media 2024",
                "(c) 2020 Example Org",
                "(c) Jane Doe, 2020. All rights reserved.",
                "All rights reserved.",
                "ALL RIGHTS RESERVED",
                "Example Holdings Ltd. All rights reserved.",
                "Alle Rechte vorbehalten.",
                "Todos los derechos reservados",
                "Tous droits réservés",
                "Tutti i diritti riservati",
                "All rights reserved | Privacy Policy | Terms of Use",
                "This work is licensed under a Creative Commons Attribution 4.0 International License.",
                "example.com © 1999-2020 Example Media",
                "© 2023 Example Corp. All rights reserved. Your use of this website means you accept our Terms and Privacy Policy. We may receive a commission when you buy through our links.",
                "Copyright © 2018 Example Broadcasting. We are not responsible for what linked external websites publish.",
                "© Exemple.fr | CGU | Mentions légales | Contact",
            ],
            &[
                "© Example Agency The minister arrived late on Tuesday and left before the vote, which surprised even her closest allies in the party.",
                "Copyright law differs from country to country.",
                "The author retains all rights to the photographs.",
                "Copyright holders sued the archive in 2019 over the scans.",
                "(c) The tenant shall pay the rent on the first day of each month.",
                "(c) a statement of the reasons for the decision",
                "The court ruled that all rights reserved by the treaty remained in force, including fishing.",
                "Copyright",
                "Copyrighted works enter the public domain 70 years after the author's death.",
                "The licence was granted under strict conditions in 2004.",
                "Rights reserved for members are listed on the back of the card.",
            ],
        );
    }

    #[test]
    fn legal_links() {
        check_family(
            &FAMILY,
            &[
                "Privacy Policy | Terms of Use",
                "Privacy Policy",
                "Terms of Service",
                "Terms & Conditions",
                "Cookie Policy",
                "Impressum",
                "Datenschutz",
                "Impressum | Datenschutzerklärung | AGB",
                "Aviso legal",
                "Política de privacidad · Aviso legal · Contacto",
                "Mentions légales",
                "Politique de confidentialité",
                "Contact Us",
                "About Us",
                "About · Contact · Privacy Policy · Terms",
                "Home Privacy Policy Contact Us",
                "Do Not Sell My Personal Information",
                "Your Privacy Choices",
                "Online Privacy Statement",
            ],
            &[
                "The privacy policy changed twice last year, the report says.",
                "Terms of the deal were not disclosed.",
                "Contact us if you have any questions about the event.",
                "About us, the neighbours never said a word.",
                "Privacy",
                "About",
                "Contact",
                "Legal",
                "Press",
                "Privacy campaigners criticised the terms of use in a letter to the minister.",
                "Impressum is a German word for the legal notice on a website.",
            ],
        );
    }
}
