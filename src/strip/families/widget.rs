//! Sidebar and footer widgets: the headings of widget boxes ("Most Popular",
//! "Related Posts", "Leave a Reply", "Meistgelesen", "À lire aussi") and
//! one-line widgets (tag and category lists, "Posted in X | 2 Comments").
//!
//! Headings come from a closed list and must stand alone (with at most a
//! trailing colon, arrow or count), so a sentence that starts with "The most
//! popular" or "Related posts" never matches; label lists need their colon
//! or a capitalised short item list.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "widget",
    reason: Reason::Widget,
    max_words: 25,
    check: None,
    requires: None,
    parts: &[
        // Widget headings, in English, German, Spanish, French, Italian,
        // Portuguese, Dutch and Turkish.
        (
            "heading",
            r"most (?:popular|read|viewed|shared|commented|emailed|recent)(?: (?:posts|articles|stories|news|this week|today|now))?|popular(?: (?:posts|articles|stories|now|this week|today|tags|topics|searches))?|recent(?: (?:posts|articles|stories|comments|entries|news|updates))?|latest(?: (?:posts|articles|stories|news|comments|updates|videos))?|related(?: (?:posts|articles|stories|content|news|topics|links|reading|videos|coverage))?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|(?:you may|you might) have missed|recommended(?: (?:for you|posts|articles|stories|reading))?|also read|read also|more stories|more news|more articles|more on this (?:story|topic)|trending(?: (?:now|stories|posts|articles|topics|today))?|what's hot|what’s hot|hot topics|top stories|top posts|top articles|editor(?:'s|s'|’s|s’|s)? (?:picks?|choice)|featured(?: (?:posts|articles|stories))?|don't miss|don’t miss|must read|in case you missed it|archives?|blog archive|monthly archives?|categories|category|tags|tag cloud|meta|blogroll|links|useful links|quick links|leave a (?:reply|comment)|post a comment|add a comment|write a comment|join the (?:discussion|conversation)|comments|no comments|one comment|one response|one thought|follow us(?: on social media)?|connect with us|stay connected|find us on facebook|search for|meistgelesen(?:e (?:artikel|beiträge|nachrichten))?|meistkommentiert|meistgeteilt|beliebte (?:beiträge|artikel)|beliebteste (?:beiträge|artikel)|neueste (?:beiträge|artikel|kommentare)|letzte (?:beiträge|artikel|kommentare)|ähnliche (?:artikel|beiträge|themen)|verwandte (?:artikel|beiträge|themen)|das könnte (?:sie|dich) auch interessieren|auch interessant|lesen sie auch|auch lesenswert|mehr zum thema|empfehlungen|top-themen|archiv|kategorien|schlagwörter|schlagworte|kommentare|kommentar schreiben|schreibe einen kommentar|hinterlasse einen kommentar|folge uns|folgen sie uns|lo más (?:leído|visto|compartido|comentado)|lo último|(?:los|las) más (?:leídos|leídas|vistos|vistas)|más (?:leídos|leídas|vistos|vistas|populares)|entradas (?:populares|recientes|relacionadas)|artículos (?:recientes|relacionados|populares)|comentarios recientes|últimas (?:noticias|entradas)|noticias relacionadas|(?:también )?te (?:puede|podría) interesar|quizás te interese|te recomendamos|lee también|archivos|categorías|etiquetas|deja (?:un comentario|una respuesta)|comentarios|síguenos|tendencias|les plus (?:lus|populaires|partagés|commentés)|articles (?:récents|populaires|similaires|liés)|commentaires récents|derniers articles|dernières actualités|à lire aussi|a lire aussi|lire aussi|vous aimerez aussi|sur le même sujet|catégories|étiquettes|mots-clés|mots clés|laisser un commentaire|laisser une réponse|commentaires|suivez-nous|tendances|i più letti|più letti|articoli (?:recenti|correlati|popolari)|commenti recenti|ultimi articoli|leggi anche|potrebbe interessarti|archivi|categorie|lascia un commento|lascia una risposta|commenti|seguici|(?:as |os )?mais (?:lidas|lidos|populares|vistos)|posts (?:recentes|relacionados|populares)|artigos (?:recentes|relacionados)|comentários recentes|leia também|veja também|você (?:também )?pode gostar|arquivos|categorias|deixe (?:um comentário|uma resposta)|comentários|siga-nos|meest gelezen|populaire berichten|recente (?:berichten|reacties)|gerelateerde (?:artikelen|berichten)|lees ook|archief|categorieën|laat een reactie achter|reacties|volg ons|(?:en )?çok okunanlar|son (?:yazılar|yorumlar|haberler)|(?:[iİ]lgili|benzer) (?:haberler|yazılar)|[iİ]lginizi çekebilir|arşiv|kategoriler|etiketler|yorum yap|yorumlar|bizi takip edin|関連記事|関連ニュース|関連リンク|人気記事|人気の記事|おすすめ記事|最新記事|新着記事|コメント|相关文章|相关阅读|相关新闻|热门文章|热门新闻|推荐阅读|最新文章|評論|评论|相關文章|관련\s?기사|관련\s?뉴스|많이\s?본\s?(?:뉴스|기사)|인기\s?기사|추천\s?기사|최신\s?기사|댓글|похожие (?:статьи|новости|записи)|читайте также|популярное|самое популярное|самые популярные(?: [\p{Cyrillic}]+)?|самое читаемое|последние новости|комментарии",
        ),
        // A short name after "More from", "Mehr aus": one to four words, the
        // first capitalised ("Más en forma que nunca" is a headline).
        (
            "short",
            r"(?-i:[A-ZÀ-ÖØ-ÞĄĆČĘĞİŁŚŞŠŹŻŽ0-9])[^ ]*(?: [^ ]+){0,3}",
        ),
        // Labels of one-line tag and category lists.
        (
            "listlabel",
            r"tags|tagged(?: with| as)?|tag|filed under|filed in|categories|category|categorized (?:in|as|under)|categorised (?:in|as|under)|posted in|published in|topics|topic|keywords|subjects|related topics|schlagwörter|schlagworte|stichwörter|stichworte|themen|kategorien|kategorie|abgelegt unter|veröffentlicht in|etiquetas|categorías|categoría|archivado en|publicado en|temas|étiquettes|catégories|catégorie|mots-clés|mots clés|classé dans|publié dans|thèmes|categorie|argomenti|parole chiave|categorias|marcadores|arquivado em|categorieën|trefwoorden|onderwerpen|geplaatst in|etiketler|kategoriler|etiket|kategori|konular",
        ),
        // Labels that may go without a colon when a capitalised item follows.
        (
            "barelabel",
            r"tagged(?: with| as)?|filed under|filed in|categori[sz]ed (?:in|as|under)|posted in|abgelegt unter|archivado en|publicado en|classé dans|publié dans|arquivado em|geplaatst in",
        ),
        // A list item: one to four words, or a #hashtag.
        ("litem", r"[^ ,;·•|/]+(?: [^ ,;·•|/]+){0,3}"),
        // A capitalised list item.
        (
            "capitem",
            r"(?-i:[A-ZÀ-ÖØ-ÞĄĆČĘĞİŁŚŞŠŹŻŽ0-9#])[^ ,;·•|/]*(?: [^ ,;·•|/]+){0,3}",
        ),
        ("lsep", r" ?[,;·•|/] ?"),
        // A capitalised single word or a #hashtag, for space-separated tag lists.
        ("ctok", r"(?-i:[A-ZÀ-ÖØ-ÞĄĆČĘĞİŁŚŞŠŹŻŽ0-9#])[^ ,;·•|/]*"),
        // A comment count: "2 Comments", "No Comments", "Kommentare (3)".
        (
            "count",
            r"(?:[0-9]{1,5}|no|one|zero|keine|ein|sin|sans|aucun|nessun|sem|geen|hiç) (?:comments?|responses?|replies|thoughts?|kommentare?|comentarios?|commentaires?|commenti|commento|comentários?|reacties|reactie|yorum)|(?:comments?|kommentare?|comentarios?|commentaires?|commenti|comentários?|reacties|yorumlar?) ?\([0-9]{1,5}\)",
        ),
        ("arrow", r"[:»›→▶▸>+]|&raquo;|\.\.\.|…"),
    ],
    patterns: &[
        // Headings: "Most Popular", "Related Posts:", "Meistgelesen »".
        r"(?:{heading}) ?(?:{arrow})?",
        // "More From Sport", "More in Politics", "Mehr aus Berlin".
        r"(?:more (?:from|in|on|about|by)|mehr (?:aus|von|zu|über)|más (?:noticias )?(?:sobre|en)|plus d'articles (?:sur|de)|altro (?:da|su)|mais sobre|meer (?:over|uit|van)) {short} ?(?:{arrow})?",
        // Comment counts and "N thoughts on “Title”".
        r"{count}",
        r#"{count} (?:on|to|zu|a|en|sur|su|em|op|para) [“"«„'‘].+[”"»“'’]"#,
        // Tag and category lists with a colon: "Tags: economy, energy, trade".
        r"(?:{listlabel}) ?: ?{litem}(?:{lsep}{litem})*(?: ?[|·•] ?(?:{count}|leave a comment))?",
        // Space-separated tag lists need capitalised words or hashtags:
        // "Tags: Climate Energy Trade", "Tags: #climate #energy".
        r"(?:{listlabel}) ?: ?{ctok}(?: {ctok})+",
        // A teaser link inside the article: "(Read also: The river walk
        // reopens)", "READ MORE: …", "Leggi anche su: …", "Lesen Sie auch: …".
        r#"[(\[]?(?:read also|also read|read more|see also|related|more|lees ook|leggi anche|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|a lire aussi|lee también|leer más|leia também|veja também|читайте также|ayrıca okuyun|ilgili haber) ?(?:(?:su|on|in|auf|sur|en|em) ?)?: ?(?-i:[\p{Lu}0-9“"'‘])[^.!?]{2,160}[.!?]?[)\]]?"#,
        // Links to the comments or the forum: "Kommentare lesen (1 Beitrag)",
        // "Read all comments (12)", "Forum zum Thema: Software".
        r"(?:kommentare (?:lesen|anzeigen)|(?:read|view|show|see) (?:all )?(?:\d+ )?comments|leer (?:los )?comentarios|lire les commentaires|forum zum thema|zum forum|go to (?:the )?forum)(?: ?\(\d+(?: (?:beitr(?:ag|äge)|comments?|posts?))?\))?(?: ?: ?[^.!?]{1,60})?",
        // "Also on Example News:", "Auch auf Beispiel online:", "Mehr bei X:".
        r"(?:also on|more on|more from|auch (?:auf|bei)|mehr (?:auf|bei)|más en|aussi sur|anche su) [^:.!?]{1,40}:",
        // An embed's notice when scripts do not run: "This slideshow requires
        // JavaScript.", "Please enable JavaScript to view the comments".
        r"(?:this|the) (?:slideshow|gallery|video|player|map|content|form|page|site|feature|interactive(?: graphic)?|embed|chart|poll|quiz) (?:requires|needs) javascript(?: (?:to be )?enabled)?(?: to (?:run|work|play|display|be displayed|view|load))?\.?",
        r"(?:please )?(?:enable|turn on|activate) javascript(?: in your browser)?(?: to (?:view|see|use|load|watch|play|display) [^.!]{1,60})?[.!]?|javascript (?:is|must be) (?:disabled|required|enabled)[^.!]{0,60}[.!]?|you (?:need|must have|must enable) javascript(?: enabled)?[^.!]{0,60}[.!]?",
        // A shortcode the site's plugin left unrendered: "[button link="…"]
        // Send us your kit[/button]", "[gallery ids="3,4"]".
        r#"\[[a-z][a-z0-9_-]{1,30}(?: [a-z][a-z0-9_-]*=[“"”'][^\]]*)+\].{0,200}"#,
        // Without a colon, the items are capitalised: "Posted in Opinion | 2 Comments".
        r"(?:{barelabel}) {capitem}(?: ?[,;·•/] ?{capitem})*(?: ?[|·•] ?(?:{count}|leave a comment))?",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::check_family;

    #[test]
    fn widget_headings() {
        check_family(
            &FAMILY,
            &[
                "Most Popular",
                "Most Read",
                "Popular Posts",
                "Recent Posts",
                "Recent Comments",
                "Related Posts",
                "Related Articles:",
                "You May Also Like",
                "You might be interested in",
                "Você pode gostar...",
                "More From Sport",
                "More in Politics »",
                "Trending Now",
                "Editor's Picks",
                "Editors’ Picks",
                "Archives",
                "Categories",
                "Leave a Reply",
                "Leave a Comment",
                "Comments",
                "3 Comments",
                "No Comments",
                "Comments (12)",
                "2 thoughts on “A walk in the hills”",
                "One response to \"Spring planting\"",
                "Tags",
                "Meistgelesen",
                "関連記事",
                "관련 기사",
                "Читайте также",
                "Ähnliche Artikel",
                "Das könnte Sie auch interessieren",
                "Lo más leído",
                "Artículos relacionados",
                "Les plus lus",
                "À lire aussi",
                "Articoli correlati",
                "Leia também",
                "Meest gelezen",
                "Çok okunanlar",
                "Follow Us",
                "More on this story",
                "Mehr aus Hamburg",
                "Más en Deportes ›",
                "Search for:",
                "Popular Posts →",
            ],
            &[
                "The most popular dish in the region is a lentil stew.",
                "Popular Movements of the 1960s",
                "Most people walked home after the match.",
                "Recent posts by the ambassador have caused a stir.",
                "Archives reveal a forgotten chapter of the city's history.",
                "Comments from the minister drew sharp criticism.",
                "Follow us as we travel across the desert.",
                "More from the interview appears below in full.",
                "Trending topics on social media often fade quickly.",
                "Categories of risk are listed in the appendix.",
                "Leave a reply in the comments and we will answer.",
                "Related posts on the forum drew hundreds of replies last week.",
                "Lo más leído del año fue una novela corta.",
                "3 comments were removed by the moderators yesterday.",
                "Más en forma que nunca",
                "Mais de 300 pessoas",
                "More in store for fans",
            ],
        );
    }

    #[test]
    fn one_line_widgets() {
        check_family(
            &FAMILY,
            &[
                "Tags: economy, energy, trade",
                "Filed under: Politics",
                "Filed under Politics, World",
                "Categories: News, World",
                "Posted in Opinion | 2 Comments",
                "Posted in News | Leave a comment",
                "Tagged Gardening, Spring, Vegetables",
                "Schlagwörter: Energie, Klima, Verkehr",
                "Etiquetas: economía, energía",
                "Mots-clés : climat, énergie",
                "Tags: #climate #energy",
                "Topics: Science / Space",
                "Kategorie: Reisen",
                "Tags: Climate Energy Trade",
                "(Read also: The river walk reopens after the winter storms)",
                "READ MORE: Council approves the new budget",
                "Leggi anche su: I cavalieri della valle tornano in tv",
                "Lesen Sie auch: Die Brücke wird im Mai eröffnet",
                "This slideshow requires JavaScript.",
                "Kommentare lesen (1 Beitrag)",
                "Read all comments (12)",
                "Forum zum Thema: Software für Mac OS X",
                "Auch auf Beispiel online:",
                "Also on Example News:",
                "Please enable JavaScript to view the comments powered by Disqus.",
                "JavaScript is disabled in your browser.",
                "You need JavaScript enabled to view this video.",
                "[button link=\"https://example.org/submit/\" type=\"big\"] Send us your kit for review[/button]",
                "[gallery ids=\"3,4,5\"]",
            ],
            &[
                "Tags are useful for organising notes.",
                "Posted in the early hours, the letter went unnoticed.",
                "posted in the morning",
                "Filed under the wrong name, the claim was lost.",
                "Tagged birds were released near the lake last spring.",
                "Topics such as health and education dominated the debate.",
                "Category 5 storms are rare in this part of the ocean.",
                "Keywords matter less than clear writing, she said.",
                "Tags: the committee spent most of the afternoon arguing about the exact wording of the motion",
                "Topics: we will cover budgets, housing and transport next week",
                "Themen wie Gesundheit und Bildung standen im Mittelpunkt.",
                "The new site requires JavaScript developers with five years of experience and a love of maps.",
                "[1] The figures are from the 2021 census.",
                "[Updated] The council has since replied.",
                "Also on the agenda: a new bridge over the river and a longer bus route.",
                "Related: the council said the road would reopen in May, and residents welcomed the news with relief.",
                "More: the river rose by two metres overnight. Residents were evacuated before dawn.",
            ],
        );
    }
}
