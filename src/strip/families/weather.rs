//! Weather readings that sites print in their header: a temperature with an
//! optional place and condition, in °C/°F/C/F and several languages.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "weather",
    reason: Reason::Weather,
    max_words: 10,
    check: None,
    requires: None,
    parts: &[
        // A temperature: number, optional degree sign, unit letter ("11.5 C", "72°F").
        (
            "temp",
            r"[-+−–]?\d{1,3}(?:[.,]\d{1,2})?\s?(?:°|º|˚|deg\.?|degrees)?\s?[cf]\b\.?",
        ),
        // A temperature with a degree sign, for lines that also carry a place:
        // "Section 4 C" is not weather, "Berlin 4 °C" is.
        (
            "tempdeg",
            r"[-+−–]?\d{1,3}(?:[.,]\d{1,2})?\s?(?:°|º|˚)\s?(?:[cf]\b\.?)?",
        ),
        // A condition word, optionally qualified, in several languages.
        (
            "cond",
            r"(?:partly |mostly |light |heavy |scattered |isolated |patchy )?(?:sunny|sun|clear|cloudy|clouds|overcast|rain|rainy|showers?|drizzle|snow|snowy|sleet|hail|fog|foggy|mist|haze|hazy|windy|storms?|thunderstorms?|fair|breezy|humid|frost|freezing|smoke|dust|bewölkt|wolkig|heiter|sonnig|regen|schnee|nebel|bedeckt|gewitter|soleado|nublado|lluvia|nieve|despejado|niebla|tormenta|ensoleillé|nuageux|pluie|neige|couvert|brouillard|orage|sereno|nuvoloso|pioggia|neve|nebbia|güneşli|bulutlu|yağmurlu|karlı|açık|sisli|ясно|облачно|пасмурно|дождь|снег)",
        ),
        // A place name: one to three capitalised words (matching is case-insensitive,
        // so this is "one to three words without digits").
        (
            "place",
            r"{letter}(?:{letter}|[.'’-])*(?:\s{letter}(?:{letter}|[.'’-])*){0,2}",
        ),
        // Separators sites put between the parts.
        ("sep", r"\s*[,/|·•:–—-]?\s*"),
        // An optional label.
        (
            "label",
            r"(?:weather|wetter|tiempo|clima|météo|meteo|hava(?: durumu)?|погода)\s*:?",
        ),
    ],
    patterns: &[
        // "11.5 C", "72°F Partly Cloudy", "-3 °C Snow", "21°C / 70°F"
        r"(?:{label}\s*)?{temp}(?:{sep}{temp})?(?:{sep}{cond})?",
        // "Sunny 21°C", "Partly cloudy, 18 °C"
        r"(?:{label}\s*)?{cond}{sep}{temp}",
        // "London 12°C", "Berlin, 5 °C, bewölkt", "Weather: Paris 18°C Clear"
        r"(?:{label}\s*)?{place}{sep}{tempdeg}(?:{sep}{cond})?",
        // "12°C London", "H: 24° L: 15°"
        r"{tempdeg}{sep}{place}",
        r"(?:h|high|hi)\s*:?\s*-?\d{1,3}°[cf]?\s*(?:l|low|lo)\s*:?\s*-?\d{1,3}°[cf]?",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::check_family;

    #[test]
    fn weather_readings() {
        check_family(
            &FAMILY,
            &[
                "11.5 C",
                "72°F Partly Cloudy",
                "-3 °C Snow",
                "21°C / 70°F",
                "Sunny 21°C",
                "Partly cloudy, 18 °C",
                "Berlin, 5 °C, bewölkt",
                "Weather: Madrid 30 ºC Despejado",
                "H: 24° L: 15°",
                "Hava durumu: 14°C güneşli",
            ],
            &[
                "It was 11.5 C at noon, far colder than the forecast had promised.",
                "Temperatures could reach 40°C in the south later this week.",
                "C",
                "Section 4 C",
                "Grade 7 F students will sit the exam on Friday",
                "Weather",
                "Partly cloudy skies are expected tomorrow afternoon across the region.",
                "Chapter 11 F. Scott Fitzgerald and the Jazz Age",
            ],
        );
    }
}
