//! A site's date and time lines, standing alone on a line: the header date
//! widget ("Sunday, October 24, 2021"), an article's publication stamp
//! ("Updated: 3 hours ago", "Veröffentlicht am 24.10.2021"), relative times
//! ("vor 3 Stunden") and reading-time notes ("5 min read"), in English,
//! German, French, Spanish, Italian, Portuguese, Dutch and Turkish, and
//! combinations of these joined by separators ("Oct 24, 2021 · 5 min read").
//!
//! Every pattern needs a real date or time shape (a month name with a day or
//! year, a numeric date, a clock time, a count of time units "ago"), so a
//! bare year, a number or a headline that merely contains a month never
//! matches.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "dateline",
    reason: Reason::Dateline,
    max_words: 22,
    check: None,
    requires: None,
    parts: &[
        // A weekday, full or abbreviated, in the eight languages.
        (
            "wd",
            r"(?:mon(?:day|tag)?|mo|lun(?:di|es|edì|edi)?|segunda(?:-feira)?|maandag|ma|pazartesi|tue(?:s|sday)?|di(?:enstag|nsdag)?|mar(?:di|tes|tedì|tedi)?|ter[çc]a(?:-feira)?|salı|wed(?:nesday)?|mi(?:ttwoch|ércoles|ercoles|é)?|mer(?:credi|coledì|coledi)?|quarta(?:-feira)?|wo(?:ensdag)?|çarşamba|thu(?:r|rs|rsday)?|do(?:nnerstag|nderdag)?|jeu(?:di)?|jue(?:ves)?|giovedì|giovedi|quinta(?:-feira)?|perşembe|fri(?:day)?|fr(?:eitag)?|ven(?:dredi|erdì|erdi)?|vie(?:rnes)?|sexta(?:-feira)?|vr(?:ijdag)?|cuma|sat(?:urday)?|sa(?:mstag)?|sonnabend|sam(?:edi)?|s[áa]b(?:ado)?|sabato|za(?:terdag)?|cumartesi|sun(?:day)?|so(?:nntag)?|dim(?:anche)?|dom(?:ingo|enica)?|zo(?:ndag)?|pazar)\.?,?",
        ),
        // A month name, full or abbreviated, in the eight languages.
        (
            "month",
            r"(?:jan(?:uary|uari?|vier|v|eiro)?|jänner|ene(?:ro)?|gen(?:naio)?|ocak|feb(?:ruary|ruari?|rero|braio)?|f[eé]v(?:rier|r|ereiro)?|şubat|mar(?:ch|s|zo|ço|co|t)?|märz?|mrz|maart|mrt|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|nisan|ma(?:y|i|yo|io|yıs|g|ggio)|mei|jun(?:e|i|io|ho)?|juin|giu(?:gno)?|haziran|jul(?:y|i|io|ho)?|juil(?:let)?|lug(?:lio)?|temmuz|aug(?:ust|ustus)?|ao[uû]t|ago(?:sto)?|ağustos|sept?(?:ember|embre|iembre)?|set(?:iembre|tembre|embro)?|eylül|oct(?:ober|obre|ubre)?|okt(?:ober)?|ott(?:obre)?|out(?:ubro)?|ekim|nov(?:ember|embre|iembre|embro)?|kasım|d[eé]c(?:ember|embre)?|dez(?:ember|embro)?|dic(?:iembre|embre)?|aralık)\.?",
        ),
        // A day of the month with an optional ordinal mark ("24th", "1er", "24.", "1º").
        ("day", r"[0-3]?[0-9](?:st|nd|rd|th|er|º|ª|°|\.)?"),
        // A four-digit year.
        ("year", r"(?:1[89]|2[01])[0-9]{2}"),
        // "am", "p.m.", "PM".
        ("ampm", r"[ap]\.? ?m\b\.?"),
        // A time zone, in capitals only ("et" is a French word): "UTC",
        // "GMT+1", "CEST", "ET", "MEZ", "+01:00".
        (
            "zone",
            r"(?-i:\(?(?:(?:UTC|GMT)(?: ?[+−-] ?[0-9]{1,2}(?::?[0-9]{2})?)?|[A-Z]{1,4}T|MES?Z|[+−-][0-9]{2}:?[0-9]{2})\)?)",
        ),
        // A clock time. A bare "12.50" is a price, so a dotted time needs
        // "Uhr"/"h"/am-pm after it; a colon time stands on its own.
        (
            "time",
            r"(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?: ?{ampm}| ?(?:uhr|h|hrs|hs|horas))?|[0-9]{1,2}(?:[.:][0-9]{2})? ?{ampm}|[0-9]{1,2}[.h][0-9]{2} ?(?:uhr|h|hrs|hs)|[0-9]{1,2}h[0-9]{2}|[0-9]{1,2} ?uhr)(?: ?{zone})?",
        ),
        // A calendar date: day and month name in either order with an
        // optional year, month and year, numeric, CJK.
        (
            "date",
            r"{day}[ -]?(?:de |of )?{month}(?:,? ?(?:de |del )?{year}|-{year})?|{month} ?(?:{day},?(?: ?{year})?|,? ?{year})|[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}|[0-9]{4}\. ?[0-9]{1,2}\. ?[0-9]{1,2}\.?|[0-9]{1,2}/[0-9]{1,2}/(?:[0-9]{4}|[0-9]{2})|[0-9]{1,2}\. ?[0-9]{1,2}\. ?[0-9]{4}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|[0-9]{4} ?年 ?[0-9]{1,2} ?月 ?[0-9]{1,2} ?日(?: ?[（(]?[日月火水木金土一二三四五六天][)）]?)?|[0-9]{4} ?년 ?[0-9]{1,2} ?월 ?[0-9]{1,2} ?일",
        ),
        // An ISO 8601 timestamp: "2021-10-24T08:15:00Z".
        (
            "iso",
            r"[0-9]{4}-[0-9]{2}-[0-9]{2}[t ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:z|[+-][0-9]{2}:?[0-9]{2})?",
        ),
        // Between a date and its time: ",", "|", "-", "at", "um", "à" ...
        (
            "tsep",
            r" ?[,|·•–—/-]? ?(?:(?:at|um|à|a las|a la|alle(?: ore)?|ore|às|as|om|saat|kl\.?) )?",
        ),
        // A date with optional weekday before or after and an optional time
        // after it, or a time before it.
        (
            "datetime",
            r"(?:{time}{tsep})?(?:{wd} ?)?{date}(?:,? (?:pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar))?(?:{tsep}{time})?|{iso}",
        ),
        // A count of time units ago, in the eight languages.
        (
            "rel",
            r"(?:vor|hace|il y a|há) {relqty}(?:sek|sekunden?|min|minuten?|std|stunden?|h|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?|seg|segundos?|minutos?|hs?|horas?|d|días?|dias?|semanas?|mes(?:es)?|mês|años?|anos?|s|sec|secondes?|minutes?|heures?|j|jours?|semaines?|mois|ans?|années?)\.?(?: atrás)?|{relqty}(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?|secondi|secondo|minuti|minuto|ora|ore|giorn[oi]|settiman[ae]|mes[ei]|ann[oi]|seconden?|minuut|minuten|u|uur|uren|dagen?|weken?|week|maand(?:en)?|jaar|jaren|segundos?|minutos?|horas?|dias?|semanas?|meses|anos?|sn|saniye|dk|dakika|sa|saat|gün|hafta|ay|yıl)\.? (?:ago|fa|atrás|geleden|önce)|just now|a moment ago|moments ago|gerade eben|soeben|hace un momento|ahora mismo|à l'instant|à l’instant|a l'instant|poco fa|agora mesmo|zojuist|az önce",
        ),
        // A count of units, a number or a word, with an optional qualifier:
        // "3", "an", "einer", "quelques", "about 5", "etwa 3".
        (
            "relqty",
            r"(?:(?:about|over|almost|nearly|around|just|etwa|über|knapp|casi|unos|unas|environ|plus de|circa|più di|cerca de|mais de|ongeveer|bijna|ruim) )?(?:[0-9]{1,3} ?|(?:an?|one|two|three|a few|several|einer|einem|ein paar|un|una|une|quelques|qualche|um|uma|alguns|algumas|een|enkele|bir|birkaç) |un')",
        ),
        // A day word; it needs a time or a label ("Yesterday at 5:30 PM").
        (
            "dayword",
            r"today|yesterday|tonight|heute|gestern|hoy|ayer|aujourd'hui|aujourd’hui|hier|oggi|ieri|hoje|ontem|vandaag|gisteren|bugün|dün",
        ),
        // A publication or update label, in the eight languages.
        (
            "label",
            r"(?:(?:this (?:page|article|post) was )?(?:last |first |originally )?(?:updated|modified|published|posted|edited|reviewed|created|released|issued|dated?)(?: on| at)?|(?:publication |publish(?:ed)? )?date(?: published| posted| modified| updated)?|(?:zuletzt )?(?:veröffentlicht|aktualisiert|geändert|erstellt|bearbeitet|erschienen)(?: am| um)?|stand(?: vom)?|datum|(?:publicado|actualizado|modificado|editado|atualizado)(?: el| en| a las| em| às)?|(?:última )?(?:actualización|atualização)|fecha(?: de publicación)?|(?:publié|mis à jour|modifié|mise à jour)(?: le| à)?|date de publication|(?:pubblicato|aggiornato|modificato)(?: il| alle)?|(?:ultimo )?aggiornamento|(?:laatst )?(?:gepubliceerd|bijgewerkt|geplaatst|gewijzigd)(?: op| om)?|(?:yayınlanma|yayın|güncelleme|güncellenme|oluşturulma) tarihi|güncellendi|yayınlandı|güncelleme) ?:? ?",
        ),
        // Minutes, in the eight languages.
        (
            "mins",
            r"(?:min|mins|minutes?|minutos?|minuti|minuto|minuten|minuut|dk|dakika)\.?",
        ),
        // A reading-time note, in the eight languages.
        (
            "readtime",
            r"(?:[0-9]{1,3}(?: ?[-–] ?[0-9]{1,3})?|one|two|three|four|five|six|seven|eight|nine|ten) ?-?(?:min|mins|minutes?|m)\.? (?:read|reading|read time|reading time|to read)|(?:less than a|under a|< ?1) min(?:ute)?\.? read|(?:(?:estimated |est\. )?(?:reading|read) time|time to read|lesezeit|lesedauer|tiempo de lectura|temps de lecture|tempo di lettura|tempo de leitura|lectura|lecture|lettura|leitura|leestijd|okuma süresi) ?:? ?(?:about |approx\.? |ca\.? ?|etwa |de |~)?[0-9]{1,3} ?{mins}|(?:ca\.? ?)?[0-9]{1,3} ?{mins} (?:lesezeit|lesedauer|de lectura|de lecture|di lettura|de leitura|leestijd|okuma)|[0-9]{1,3} ?(?:dk\.?|dakika)lık okuma",
        ),
        // One dated item of a date line.
        (
            "item",
            r"(?:{label})?(?:{datetime}|{rel}|{dayword}(?:, ?| )(?:(?:at|um|à|a las|alle|às|om|saat) )?{time}|{time})|{label}{dayword}|{readtime}",
        ),
        // Separators between items of a combined line.
        ("isep", r" ?[|·•,–—/-] ?| "),
        // A Chinese or Japanese date: "2016年10月14日", "10月14日",
        // "3/9(木)" (month/day and the weekday's character).
        (
            "cjkdate",
            r"(?:[0-9]{4} ?年 ?)?[0-9]{1,2} ?月 ?[0-9]{1,2} ?日(?: ?[（(][日月火水木金土一二三四五六天][)）])?|[0-9]{1,2}/[0-9]{1,2} ?[（(][日月火水木金土][)）]",
        ),
        // A Chinese or Japanese publication label after the date: "配信", "报道".
        (
            "cjklabel",
            r"配信|更新|公開|掲載|投稿|発表|报道|報道|发布|發佈|发表|發表|讯|訊",
        ),
    ],
    patterns: &[
        // One item, then optionally a second (labelled) date and a reading
        // time: "Sunday, October 24, 2021", "Updated: 3 hours ago",
        // "Oct 24, 2021 · 5 min read", "Published 3 Jan 2022 | Updated 4 Jan 2022".
        // A trailing full stop or separator is allowed.
        r"{item}(?:{isep}(?:{label})?(?:{date}(?:{tsep}{time})?|{time}))?(?:{isep}{readtime})? ?[.|·•]?",
        // A Chinese or Japanese date line, often glued to its source's name
        // and followed by a label: "新闻站2016年10月14日07:17",
        // "Some News 3/9(木) 18:45配信", "某报 10月14日报道".
        r"(?:[^0-9]{1,16} ?)?{cjkdate}(?: ?{time})? ?(?:{cjklabel})?",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::check_family;

    #[test]
    fn weekday_and_named_month_dates() {
        check_family(
            &FAMILY,
            &[
                "Sunday, October 24, 2021",
                "Mon 3 Jan 2022",
                "Sunday October 24th, 2021",
                "Sat, Feb 5",
                "Montag, 24. Oktober 2021",
                "Mittwoch, 2. März 2022",
                "domingo, 24 de octubre de 2021",
                "dimanche 24 octobre 2021",
                "jeudi 1er décembre 2022",
                "domenica 24 ottobre 2021",
                "giovedì 3 marzo 2022",
                "quarta-feira, 9 de março de 2022",
                "zondag 24 oktober 2021",
                "24 Ekim 2021 Pazar",
                "Çarşamba, 2 Şubat 2022",
                "October 24, 2021",
                "24 Oct 2021",
                "Oct. 24, 2021",
                "24th of October 2021",
                "24-Oct-2021",
                "October 2021",
                "5 Mai 2022",
            ],
            &[
                "On October 24, 2021 the council met to vote.",
                "The deal was signed in 2012 and renewed in 2019.",
                "2021",
                "11,000",
                "May Day Parade Draws Thousands",
                "March for Science",
                "12.50",
                "Sunday",
                "Sunday lunch at the farm",
                "October is the busiest month for the harvest.",
                "The 24 October meeting was postponed until further notice.",
                "Mayor Announces New Park",
            ],
        );
    }

    #[test]
    fn numeric_dates_and_times() {
        check_family(
            &FAMILY,
            &[
                "03/01/2022 14:05",
                "2021-10-24",
                "24.10.2021",
                "2021-10-24T08:15:00Z",
                "2021-10-24 08:15:00+02:00",
                "2021年10月24日",
                "2021年10月24日 14:05",
                "新闻站2016年10月14日07:17",
                "Some News 3/9(木) 18:45配信",
                "某报 10月14日报道",
                "10月14日",
                "2022년 1월 3일",
                "8:02 pm UTC",
                "14:05 CET",
                "10:30 a.m. ET",
                "14:05",
                "14.05 Uhr",
                "17h30",
                "Sunday, October 24, 2021 | 14:05",
                "Oct 24, 2021 at 2:05 pm",
                "24.10.2021, 14:05 Uhr MEZ",
                "14:05, 24 October 2021",
                "3/1/22",
                "5 pm GMT+1",
            ],
            &[
                "12.50",
                "1.5",
                "3.14159",
                "2021 2022",
                "10-15",
                "Flight 1405 departs at noon from gate 24.",
                "Doors open at 7:30 pm and the show starts at eight.",
                "Version 2.10.4",
                "Call 555-0142 for tickets",
                "Score: 3:1",
            ],
        );
    }

    #[test]
    fn labelled_and_relative_times() {
        check_family(
            &FAMILY,
            &[
                "Updated: 3 hours ago",
                "Published 5 minutes ago",
                "Last updated on March 3, 2021",
                "Posted on October 24, 2021",
                "Veröffentlicht am 24.10.2021 um 14:05 Uhr",
                "Aktualisiert 14:05",
                "Zuletzt aktualisiert: gestern",
                "Actualizado: 24/10/2021 - 14:05h",
                "Publicado el 3 de enero de 2022",
                "Mis à jour le 24 octobre 2021 à 17h30",
                "Publié le 3 janvier 2022",
                "Aggiornato il 24 ottobre 2021 alle 14:05",
                "Atualizado em 24/10/2021 às 14:05",
                "Bijgewerkt op 24 oktober 2021",
                "Güncelleme: 24.10.2021 14:05",
                "2 hours ago",
                "an hour ago",
                "3h ago",
                "yesterday at 5:30 PM",
                "Heute, 09:15",
                "vor 3 Stunden",
                "vor 5 Min.",
                "hace 2 horas",
                "il y a 3 heures",
                "2 ore fa",
                "há 3 horas",
                "3 uur geleden",
                "2 saat önce",
                "just now",
                "Published: 3 Jan 2022 | Updated: 4 Jan 2022",
                "Updated 24 October 2021, 08:15 BST",
                "This page was last edited on 3 March 2021, at 10:15 (UTC).",
                "Jan 5, 2022, 9:15 PM UTC |",
                "3/1/22 9:05am 3/1/22 9:05am",
            ],
            &[
                "Updated guidelines were published on October 24, 2021.",
                "Published by the university press",
                "Posted on the notice board outside the hall",
                "2 hours ago, a fire broke out in the old mill.",
                "Yesterday",
                "Today",
                "Yesterday the committee rejected the proposal.",
                "Two years ago we moved to the coast.",
                "会议于10月14日举行，代表们讨论了预算。",
                "2016年是关键的一年",
                "Updated",
                "vor allem die Kinder",
                "hace calor",
                "il y a des années que je ne l'ai pas vu",
            ],
        );
    }

    #[test]
    fn reading_times_and_combinations() {
        check_family(
            &FAMILY,
            &[
                "5 min read",
                "5 minute read",
                "12-minute read",
                "Reading time: 4 minutes",
                "Estimated reading time: 7 min",
                "3 Min. Lesezeit",
                "Lesezeit: ca. 6 Minuten",
                "5 min de lectura",
                "Temps de lecture : 4 min",
                "Tempo di lettura: 3 minuti",
                "5 min de leitura",
                "Leestijd: 4 minuten",
                "Okuma süresi: 5 dk",
                "Oct 24, 2021 · 5 min read",
                "24 October 2021 | 6 min read",
                "Updated 3 hours ago · 4 min read",
            ],
            &[
                "Read the full report",
                "It takes 5 minutes to read the whole agreement aloud.",
                "A 5 min read on a long morning commute is just enough.",
                "Reading time for children should be protected",
                "5 minutes",
                "Minutes of the meeting",
                "Lesezeit",
                "min",
            ],
        );
    }
}
