//! Prompts aimed at the reader rather than content: share buttons and rows
//! of network names (SHARE), subscribe, newsletter, sign-in and follow
//! prompts (SUBSCRIBE), and cookie and consent banners with their buttons
//! (COOKIE).

use super::Family;
use crate::strip::Reason;

/// Social networks and share targets named on share and follow buttons.
const NETWORKS: &str = r"facebook|facebook messenger|messenger|twitter|x|x \(formerly twitter\)|x \(twitter\)|twitter \(x\)|linkedin|linked in|pinterest|reddit|whatsapp|telegram|signal|email|e-mail|mail|gmail|outlook|yahoo mail|print|tumblr|pocket|flipboard|mastodon|threads|bluesky|vk|vkontakte|odnoklassniki|xing|line|viber|sms|weibo|wechat|qq|skype|evernote|buffer|instapaper|hacker news|digg|mix|google\+|google plus|stumbleupon|delicious|instagram|youtube|tiktok|snapchat|rss|feed|copy link|copy url|more|share|tweet|pin|like";

/// Share targets whose name alone on a line is a button. A network's name
/// alone ("Facebook") is as often the credit under an embedded photo, so
/// networks need a lead-in ("Share:") or a second name beside them.
const NETWORKS_ALONE: &str = r"email|e-mail|print|copy link|copy url";

/// Decorations around a button label: bullets, bars, brackets, colons, and
/// the private-use glyphs icon fonts draw buttons with.
const DECO: &str = r"[\s*\-–—_•·|:\[\](){}<>«»›→\p{Co}]*";

/// A name: a first word of any kind, then up to four that look like a name
/// (capitalised, a digit or symbol, a domain, or a connector).
const NAME: &str = r"[^\s,;!?|·•]+(?: (?:(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω\d@&+(\-–—])[^\s,;!?|·•]*|[^\s,;!?|·•]+\.[a-z]{2,}\.?|(?:and|und|y|et|e|&|the|of|de|del|la|le|les|von|van|der|den|du|di|da)\.?)){0,4}";

/// Share prompts.
pub static SHARE: Family = Family {
    name: "share",
    reason: Reason::Share,
    max_words: 24,
    check: None,
    requires: None,
    parts: &[
        ("net", NETWORKS),
        ("alone", NETWORKS_ALONE),
        ("deco", DECO),
        // What is being shared.
        (
            "thing",
            r"article|story|post|page|video|recipe|gallery|link|photo|image|quote|podcast|episode|list|guide",
        ),
        // "Share" in other languages.
        (
            "share",
            r"share|teilen|compartir|compartilhar|partilhar|partager|condividi|delen|dela|jaa|udostępnij|sdílet|поделиться|paylaş|シェア(?:する)?|分享|공유",
        ),
        // A network with an optional share count: "Facebook 12", "Twitter (3)".
        ("netc", r"(?:{net})(?:\s*\(?\d[\d.,]*[km]?\)?)?"),
        ("sep", r"\s*[|,·•/]\s*|\s+"),
        // A lead-in before a row of networks.
        (
            "lead",
            r"(?:{share}(?: (?:this|it|on|via|the (?:{thing})|this (?:{thing})))?|spread the word|tell your friends)(?:\s*:\s*|\s+)",
        ),
    ],
    patterns: &[
        // "Share", "Share this", "Share this article", "Share on Facebook",
        // "Share via Email", "Tweet", "Pin it", "Print", "Copy link",
        // "Teilen", "Compartir en Facebook", "Partager sur X"
        r"{deco}(?:(?:{share})(?: (?:this|it|now))?(?: (?:this |the |our )?(?:{thing}))?(?: (?:on|via|by|to|with|in|through|auf|en|sur|su|no|na|op) (?:{net}|social media|your (?:friends|network)))?(?: teilen| partager| compartir)?|share full article|share:|sharing is caring!?|share the love|spread the word|tell a friend|send to a friend|(?:e-?mail|send) (?:this |the )?(?:(?:{thing}) )?to a friend|like this:|like loading(?:\.{3}|…)?|(?:tweet|pin|flip|e-?mail|print)(?: it| this| this (?:{thing})| me| (?:the )?(?:{thing}))?|print(?:er)?[- ]friendly(?: version| page)?|printable (?:version|page|article)|print friendly(?:, pdf (?:&|and) email)?|copy (?:the )?(?:link|url|article link)|link copied!?|copied!?|gift (?:this )?article|auf (?:{net}) teilen|(?:jetzt |artikel |beitrag )?teilen|drucken|imprimir|imprimer|stampa|per e-?mail (?:senden|teilen|versenden)|enviar por (?:correo|e-?mail)|envoyer par (?:e-?mail|courriel)|invia per e-?mail|twittern|tuitear|twittear|link kopieren|copiar (?:enlace|link)|copier le lien|copia link|我要分享|(?:分享|转播|转发|轉發|轉播)到[^ ]{1,10}|ツイート(?:する)?|共有(?:する)?){deco}",
        // "Click to share on Twitter (Opens in new window)", "(Opens in new window)"
        r"{deco}(?:click (?:here )?to (?:share on (?:{net})|share|e-?mail (?:a link to a friend|this to a friend|this)|print|tweet|pin)(?: \(?opens in (?:a )?new (?:window|tab)\)?)?|\(?opens in (?:a )?new (?:window|tab)\)?){deco}",
        // "Facebook Twitter LinkedIn Email", "Share: Facebook | X | Email",
        // "Facebook 12 Twitter 3"
        r"{deco}(?:{lead})?(?:{netc})(?:(?:{sep})(?:{netc}))+{deco}",
        r"{deco}(?:{lead})?(?:{alone})(?:\s*\(?\d[\d.,]*[km]?\)?)?{deco}",
        r"{deco}(?:{lead})(?:{net}){deco}",
        // "Did you make this? Tag @ourkitchen on Instagram", "Share yours with #ourkitchen"
        r"(?:[^.!?]{0,80}[.!?]\s)?(?:tag|mention|follow|share (?:it|yours|your \w+) (?:with|using))\s+[@#]\w+.{0,80}",
        // A share button with its count, glued or not: "teilen17",
        // "Tweet 0", "Like (12)".
        r"{deco}(?:share|teilen|tweet|tweeten|twittern|like|pin|e-?mail|whatsapp|compartir|partager|condividi)\s*\(?\d[\d.,]*[km]?\)?{deco}",
        // A print version link: "Version zum Drucken", "Druckversion".
        r"{deco}(?:version zum drucken|druckversion|druckansicht|print version|printer version|versión (?:para )?imprimir|version imprimable|versione stampabile){deco}",
        // "12 Shares", "1.2K shares", "Shares: 40"
        r"{deco}(?:\d[\d.,]*\s*[km]?\s*(?:shares?|compartidos|partages|condivisioni|mal geteilt)|(?:total )?shares?\s*:?\s*\d[\d.,]*\s*[km]?){deco}",
    ],
};

/// Subscribe prompts.
pub static SUBSCRIBE: Family = Family {
    name: "subscribe",
    reason: Reason::Subscribe,
    max_words: 20,
    check: None,
    requires: None,
    parts: &[
        ("net", NETWORKS),
        ("deco", DECO),
        ("name", NAME),
        // Sign-in, sign-up and subscribe buttons, in several languages.
        (
            "auth",
            r"sign ?in|sign ?up|sign-in|sign-up|log ?in|log-in|log ?out|sign ?out|login|logout|register|subscribe|subscribe now|subscribe today|join|join now|join free|join us|create (?:an |your |a free )?(?:free )?account|my account|account|my profile|subscriber log ?in|members? log ?in|forgot (?:your )?password\??|lost your password\??|reset (?:your )?password|remember me|subscriptions?|manage (?:my |your )?subscription|start (?:your |a )?free trial|try (?:it )?(?:for )?free|anmelden|abmelden|registrieren|einloggen|ausloggen|abonnieren|jetzt abonnieren|jetzt registrieren|mein konto|iniciar sesión|cerrar sesión|regístrate|registrarse|suscríbete|suscribirse|mi cuenta|connexion|se connecter|déconnexion|s'inscrire|inscription|s'abonner|abonnez-vous|mon compte|accedi|registrati|iscriviti|abbonati|entrar|assine|inscreva-se|cadastre-se|minha conta|inloggen|aanmelden|registreren|abonneren|zaloguj się|zarejestruj się|войти|регистрация|подписаться|giriş yap|kayıt ol|abone ol|登录|注册|订阅|ログイン|会員登録",
        ),
        // The question before a sign-in button.
        (
            "q",
            r"already (?:a )?(?:subscriber|member|registered|have an account)\??|(?:don't|do not) have an account(?: yet)?\??|not (?:a )?(?:member|subscriber|registered)(?: yet)?\??|new (?:here|user|to [^\s?]+)\??|(?:already )?have an account\??|existing (?:user|subscriber|member)s?\??|returning (?:user|subscriber|member)\??|bereits (?:abonnent|registriert|kunde)\??|¿?ya (?:eres suscriptor|tienes (?:una )?cuenta)\??|déjà abonné\s?\??",
        ),
        // What a newsletter prompt offers.
        (
            "letter",
            r"newsletters?|mailing list|email list|e-?mails?|updates|alerts|digest|briefing|bulletin|podcast|channel|feed|rss feed|blog",
        ),
        // A follow prompt with optional networks: "Follow us on X and Y".
        (
            "follow",
            r"(?:follow|follow us|follow me|like us|find us|connect with us|stay connected|keep in touch|folgen sie uns|folge uns|síguenos|suivez-nous|seguici|siga-nos|segue-nos|volg ons|obserwuj nas|подписывайтесь на нас|bizi takip edin)(?:(?:\s(?:on|at|via|auf|bei|en|sur|su|no|op|in)\s|\s*:\s*)(?:{net})(?:(?:,|\s(?:and|&|or|und|y|et|e|o)|\s*[|/·•])\s?(?:{net}))*)?[.!:]?",
        ),
        // How often it arrives.
        (
            "freq",
            r"\s(?:every|each) (?:day|week|morning|evening|weekday|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\s(?:daily|weekly|monthly)",
        ),
    ],
    patterns: &[
        // "Subscribe", "Sign in", "Log in / Register", "Already a subscriber?
        // Log in", "Sign up for free", "Anmelden", "Suscríbete"
        r"{deco}(?:(?:{q})\s*)?(?:{auth})(?:(?:\s*[|/·•]\s*|\s(?:or|and|to|&|oder|o|ou)\s|\s)(?:{auth}))*(?:\s(?:here|now|today|for free|free|to (?:continue|read more|keep reading|comment|save|access|read the full (?:article|story)|unlock)))?[.!]?{deco}",
        // "Subscribe to our newsletter", "Sign up for our free weekly email",
        // "Join our mailing list for the latest updates"
        r"{deco}(?:subscribe|sign ?up|sign-up|register|join|opt in|get|receive)(?: to| for| up for| up to)? (?:our|the|my|this|\S+['’]s)(?: (?:free|weekly|daily|monthly|email|e-mail))*(?: \S+)? (?:{letter})(?:\s(?:to|for|and|so)\s[^.!?]*)?[.!]?{deco}",
        // "Subscribe to The Daily Example", "Subscribe on YouTube",
        // "Subscribe for $1 a week"
        r"{deco}subscribe (?:now |today )?(?:to|on|via|at) (?:{name})[.!]?{deco}",
        r"{deco}subscribe to (?:this |our |the )?(?:blog|site|posts|comments|updates)(?: via (?:e-?mail|rss))?[.!]?{deco}",
        // Subscription checkboxes and confirmations: "Notify me of new posts
        // by email.", "Join 312 other followers", "Please enter a valid
        // email address", "Check your inbox to confirm your subscription."
        r"{deco}(?:notify me of (?:new |follow-up )?(?:posts|comments|replies)(?: by e-?mail)?|join [\d,.]+ other (?:subscribers|followers|readers)|please enter a valid e-?mail(?: address)?|(?:thanks?(?: you)?[!.,]?\s)?(?:please )?check your (?:inbox|e-?mail) to confirm your (?:subscription|e-?mail(?: address)?))[.!]?{deco}",
        r"{deco}subscribe (?:now |today )?(?:for|from) (?:just |only )?[$€£]?\d[\d.,]*\s?[$€£]?(?:\s?(?:a|per|/)\s?(?:week|month|year|wk|mo|yr))?[.!]?{deco}",
        // "Newsletter", "Newsletter sign-up", "Our newsletter",
        // "Newsletter abonnieren", "Abonnez-vous à notre newsletter"
        r"{deco}(?:(?:our |free |the |weekly |daily |e-?mail )*newsletters?(?: sign[- ]?up| signup| subscription| anmeldung| (?:&|and) (?:alerts|updates))?|(?:recevez|recevoir) (?:nos|notre|la) (?:newsletters?|lettres? d'information)|newsletter abonnieren|(?:zum|für den) newsletter anmelden|suscríbete (?:a|al) (?:nuestro |nuestra |la |el )?(?:boletín|newsletter)|abonnez-vous à (?:notre |la )?(?:newsletter|lettre d'information)|inscrivez-vous à (?:notre |la )?newsletter|iscriviti alla (?:nostra )?newsletter|assine (?:a )?(?:nossa )?newsletter){deco}",
        // "Get the latest news delivered to your inbox", "Straight to your inbox"
        r"{deco}(?:(?:get|receive|have|enjoy) (?:the|our|all|free|exclusive|latest|best|top|breaking|daily|weekly|more|news|stories|updates|headlines)|stay|sign up|subscribe|delivered|sent|straight|direct(?:ly)?|never miss|don't miss|want|be the first|the (?:latest|best|top|biggest|most)|our (?:latest|best|top|weekly|daily)|news|headlines|top stories|breaking news|all (?:the|our)|free|weekly|daily)\b[^.!?]*\b(?:to|in|into|at) your (?:e-?mail )?inbox(?:{freq})?[.!?]?{deco}",
        // "Enter your email address", "Email address", "Your e-mail",
        // "E-Mail-Adresse", "Votre adresse e-mail"
        r"{deco}(?:(?:enter|type|add|provide|insert) (?:your )?(?:e-?mail|email address|e-?mail address)(?: (?:address|here|below))?|(?:your )?e-?mail address|your e-?mail|(?:ihre |deine )?e-mail-adresse|(?:tu |su )?(?:correo electrónico|dirección de correo(?: electrónico)?)|introduce tu (?:correo|e-?mail)|(?:votre )?adresse (?:e-?mail|électronique|courriel)|(?:il tuo )?indirizzo (?:e-?mail|di posta elettronica)|(?:seu )?endereço de e-?mail)\s*\*?\s*:?\s*\*?{deco}",
        // App and download prompts: "Download the app", "Get it on Google
        // Play", "Download on the App Store", "Download Exampleware Beta".
        r"{deco}(?:(?:download|get|install|try) (?:the |our |it on |now on )?(?:free |mobile |new )?(?:app|apps|app store|google play|play store)(?: (?:now|today|for free|on (?:ios|android|the app store|google play)))?|download (?:it )?(?:on|from) (?:the )?(?:app store|google play|play store|microsoft store)|available on (?:the )?(?:app store|google play|play store)|download(?: now| for free| free)?|download (?-i:[A-Z])[^\s.!?]*(?: (?-i:[A-Z0-9])[^\s.!?]*){0,2}(?: (?:now|for free|free))?)[.!]?{deco}",
        // "Follow us", "Follow us on Twitter", "Like us on Facebook",
        // "Follow Jane Doe on Instagram", "Follow @example", "Síguenos en X"
        r"{deco}(?:{follow})(?:\s*[|·•]?\s*(?:{follow}))*{deco}",
        r"{deco}follow @\w+(?: on (?:{net}))?[.!]?{deco}",
        r"{deco}(?:follow|suivre|suivez|seguir|sigue|segui) (?:{name}) (?:on|at|via|sur|en|su) (?:{net})[.!]?{deco}",
        // Memberships and paywalls: "Become a member", "Support our journalism",
        // "Subscribe to continue reading", "Stay in the loop"
        r"{deco}(?:become a (?:member|subscriber|paid subscriber|patron|supporter|insider)(?: (?:today|now))?|support (?:us|our (?:work|journalism|reporting)|independent journalism)(?: (?:today|now))?|donate(?: now| today)?|make a donation|subscribe to (?:continue|keep) reading|subscribe to read (?:the full (?:article|story)|more|this (?:article|story))|this (?:article|story|content) is (?:for|available to|exclusive to|only available to|reserved for) (?:our )?(?:subscribers|members|premium members|paying subscribers)(?: only)?|(?:for )?subscribers only|members only|unlock (?:this|full|unlimited) (?:article|story|access)|get unlimited (?:digital )?access|you have (?:\d+|one|two|three|four|five) free (?:articles?|stories) (?:left|remaining)(?: this month)?|stay (?:up to date|informed|updated|in the loop|connected|in touch)|never miss (?:a|an) (?:story|post|update|thing|beat|article|episode|deal)|don't miss (?:out|a thing)|hazte (?:socio|miembro)|werden sie mitglied|devenez membre)[.!]?{deco}",
    ],
};

/// Cookie prompts.
pub static COOKIE: Family = Family {
    name: "cookie",
    reason: Reason::Cookie,
    // Banners run long; every pattern that allows a long tail starts with
    // banner wording ("This site uses cookies", "We use cookies … consent").
    max_words: 60,
    check: None,
    requires: None,
    parts: &[
        ("deco", DECO),
        // Words only a cookie banner uses next to "cookies".
        (
            "kw",
            r"experience|browsing|browse|consent|agree|accept|privacy|polic(?:y|ies)|settings|preferences|personali[sz]\w*|analy[sz]\w*|traffic|functionality|learn more|more info\w*|find out more|(?:web)?site|advertis\w*|ads|personal data|your device|social media|partners|measurement|tracking",
        ),
        // Who sets the cookies.
        (
            "site",
            r"(?:this|our|the) (?:web ?site|site|page|blog|app|portal|platform|store|shop|service)s?",
        ),
        // Ways of continuing that count as consent.
        (
            "cont",
            r"continuing|clicking|using|browsing|scrolling|closing|navigating|visiting|proceeding|staying|remaining",
        ),
        // Banner buttons and settings labels, in several languages.
        (
            "btn",
            r"accept|accept all|accept all cookies|accept cookies|accept (?:and|&) (?:close|continue)|accept (?:recommended|selected|selection|necessary)(?: cookies| settings)?|allow(?: all)?(?: cookies)?|allow (?:selection|necessary)(?: cookies)?|reject|reject all|reject (?:all )?(?:non-essential |optional |additional )?cookies|decline(?: all)?(?: cookies)?|deny(?: all)?|refuse(?: all)?|(?:only|use) (?:necessary|essential|required) cookies(?: only)?|(?:necessary|essential) (?:cookies )?only|manage (?:my |your )?(?:cookies|cookie settings|preferences|consent|settings|options|choices|privacy settings)|customi[sz]e(?: settings| cookies| preferences)?|cookies? (?:settings|preferences|options)|privacy (?:settings|preferences)|consent (?:settings|preferences)|save (?:my )?(?:preferences|settings|choices)|confirm (?:my )?(?:choices|selection|preferences)|got it!?|ok(?:ay)?,? (?:got it|i agree|i understand|thanks)!?|ok!?|okay!?|i agree|i accept|i understand|agree|agree (?:and|&) (?:close|continue|proceed)|continue without (?:accepting|agreeing)|dismiss|(?:strictly )?necessary cookies|(?:functional|functionality|performance|analytics?|analytical|targeting|marketing|advertising|statistics|preference|social media) cookies|always active|vendor list|cookie list|alle akzeptieren|akzeptieren|alle ablehnen|ablehnen|einverstanden|cookie-einstellungen|einstellungen speichern|nur notwendige(?: cookies)?|aceptar(?: todas?)?(?: las cookies)?|aceptar y (?:cerrar|continuar)|rechazar(?: todo| todas)?|configurar(?: cookies)?|configuración de cookies|tout accepter|accepter(?: et (?:fermer|continuer))?|tout refuser|refuser|continuer sans accepter|paramétrer(?: les cookies)?|personnaliser|j'accepte|d'accord|accetta(?: tutti| tutto)?|rifiuta(?: tutti| tutto)?|gestisci (?:le )?preferenze|ho capito|aceitar(?: todos)?|rejeitar(?: todos)?|accepteren|alles accepteren|weigeren|entendido|de acuerdo|compris",
        ),
    ],
    patterns: &[
        // "This website uses cookies to improve your experience."
        r"{site} (?:uses|use|is using|utili[sz]es|makes use of|employs|stores|sets|requires|may use|places)\s(?:\S+\s){0,3}cookies?\b.*",
        // "We use cookies …", "We and our partners store and/or access
        // information on a device, such as cookies …" (with banner wording)
        r"(?:we|{site}|our partners)(?: and (?:our |selected |trusted |third[- ]party )*(?:\d+ )?(?:partners|vendors|third parties))?\s(?:(?:also|may|might|can|do)\s)?(?:use|uses|store|set|place|utili[sz]e|employ|are using|make use of|collect|serve|rely on|store and/or access)\b.*\bcookies?\b(?:\.?$|.*\b(?:{kw})\b.*)",
        // "By continuing to browse this site you agree to our use of cookies."
        r"by (?:{cont})\b.*\b(?:agree|accept|consent)\w*\b.*\b(?:cookies?|privacy|terms|polic(?:y|ies))\b.*",
        // "Cookies help us deliver our services.", "Cookie notice",
        // "We value your privacy"
        r"(?:cookies? (?:notice|consent|banner|information|declaration|preferences|settings)|about cookies(?: on this (?:web)?site)?|how we use cookies|we value your privacy|your privacy (?:matters|is important to us))(?:[.!:]?(?:\s.*)?)?",
        r"cookies? help us\b.*",
        // Buttons and button rows: "Accept all", "Reject all Manage
        // preferences", "Got it", "OK", "Alle akzeptieren"
        r"{deco}(?:{btn})(?:(?:\s*[|/·•]\s*|\s)(?:{btn}))*{deco}",
        // The same banner in other languages.
        r"(?:(?:diese|unsere) (?:web ?site|webseite|seite|internetseite|homepage) (?:verwendet|nutzt|benutzt|setzt)|wir (?:verwenden|nutzen|setzen|benutzen)|(?:utilizamos|usamos|empleamos)|(?:este|nuestro) (?:sitio(?: web)?|portal|web) (?:utiliza|usa|emplea)|(?:ce|notre) site (?:utilise|emploie)|nous utilisons|(?:questo|il nostro) sito (?:web )?(?:utilizza|usa)|(?:utilizziamo|usiamo)|(?:este|o nosso) (?:site|website|sítio) (?:usa|utiliza)|(?:deze|onze) (?:website|site) (?:maakt gebruik van|gebruikt)|wij gebruiken|używamy|мы используем)\s(?:\S+\s){0,4}(?:cookies?|plików cookie|файлы cookie)\b.*",
        r"(?:bu (?:web )?site(?:miz)?(?:de)?|sitemizde) (?:\S+\s){0,3}çerez.*",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::families::check_family;

    #[test]
    fn share_prompts() {
        check_family(
            &SHARE,
            &[
                "Share",
                "Did you make this recipe? Tag @ourkitchen on Instagram so we can see it!",
                "Share yours using #sundaybake",
                "SHARE",
                "Share this",
                "Share this:",
                "Share this article",
                "Share the story",
                "Share on Facebook",
                "Share on Twitter",
                "Share via Email",
                "Share on X (formerly Twitter)",
                "Tweet",
                "我要分享",
                "转播到某某微博",
                "ツイート",
                "Tweet this",
                "Pin it",
                "Email",
                "Print",
                "Print this page",
                "Email this article",
                "Copy link",
                "teilen17",
                "Tweet 0",
                "Like (12)",
                "Version zum Drucken",
                "Link copied!",
                "Printer-friendly version",
                "Email to a friend",
                "Like this:",
                "Like Loading...",
                "Teilen",
                "Auf Facebook teilen",
                "Compartir",
                "Compartir en WhatsApp",
                "Partager",
                "Partager sur Facebook",
                "Condividi",
                "Drucken",
                "Gift article",
                "\u{e600} Share",
                "Printable page",
                "Print-friendly version",
            ],
            &[
                "She decided to share the prize with her co-author.",
                "The printer ran out of paper twice that morning.",
                "Share prices fell sharply on Tuesday after the announcement.",
                "They share a flat in the old town with two other students.",
                "Print journalism is not dead, the editor insisted.",
                "Email was slower in those days than people remember.",
                "Shares",
                "Shared",
                "Sharing a meal is the oldest form of hospitality, the author writes.",
                "Tweet by tweet, the campaign unravelled over one weekend.",
                "Copy the file to the new server before midnight.",
                "Pinned it to the wall",
                "Follow the river north for two miles and you reach the mill.",
                "Tag sales are common in the town every spring.",
            ],
        );
    }

    #[test]
    fn share_rows_and_buttons() {
        check_family(
            &SHARE,
            &[
                "Facebook Twitter LinkedIn Email",
                "Facebook | Twitter | Pinterest | WhatsApp",
                "Share: Facebook, X, Email",
                "Share this: Facebook Twitter Reddit",
                "Facebook 12 Twitter 3 LinkedIn 0",
                "Share: WhatsApp",
                "Twitter Facebook More",
                "Tweet Share Pin",
                "share tweet Tumblr Pocket Email",
                "Click to share on Twitter (Opens in new window)",
                "Click to share on Facebook (Opens in new window)",
                "Click to email a link to a friend (Opens in new window)",
                "Click to print (Opens in new window)",
                "(Opens in new window)",
                "12 Shares",
                "1.2K shares",
                "Shares: 40",
            ],
            &[
                "Facebook said on Tuesday that it would appeal the ruling.",
                "Twitter users reacted angrily to the announcement over the weekend.",
                "The email from the minister arrived late on Friday night.",
                "Facebook",
                "Twitter",
                "Line",
                "X",
                "Mail",
                "More",
                "Click to learn how the river changed its course over centuries.",
                "Facebook and Twitter both declined to comment on the report.",
                "Twelve shares changed hands before the market closed.",
            ],
        );
    }

    #[test]
    fn subscribe_prompts() {
        check_family(
            &SUBSCRIBE,
            &[
                "Subscribe",
                "Subscribe now",
                "Subscribe to our newsletter",
                "Sign up for our newsletter",
                "Sign up for our free weekly email",
                "Join our mailing list",
                "Subscribe to our newsletter for the latest updates.",
                "Get the latest news delivered to your inbox",
                "Get our best stories straight to your inbox every morning.",
                "Delivered to your inbox every Friday.",
                "Enter your email address",
                "Email address*",
                "Your email",
                "Sign in",
                "Log in",
                "Login",
                "Register",
                "Log in / Register",
                "Sign in or register",
                "Sign up",
                "Sign up for free",
                "Already a subscriber? Log in",
                "Don't have an account? Sign up",
                "Forgot your password?",
                "Become a member",
                "Support our journalism",
                "Subscribe to continue reading",
                "This article is for subscribers only.",
                "Subscribe to The Daily Example",
                "Subscribe for $1 a week",
                "Newsletter",
                "Newsletter abonnieren",
                "Suscríbete",
                "Abonnez-vous",
                "Abonnez-vous à notre newsletter",
                "Anmelden",
                "Iniciar sesión",
                "Newsletters",
                "Daily e-mail newsletters",
                "Sign up for Example's newsletter",
                "Subscribe to this blog via RSS",
                "Notify me of new comments by email",
                "Join 312 other followers",
                "Please enter a valid e-mail.",
                "Thank you! Check your email to confirm your subscription.",
            ],
            &[
                "Readers can subscribe to the journal for a modest fee, the editor said.",
                "She signed up for the army in 1942.",
                "Log in to the server and restart it.",
                "Register your interest by Friday.",
                "Subscribe to the journal for a modest fee.",
                "Subscribers complained that the paper arrived late all winter.",
                "The newsletter was founded in 1998 by two retired teachers.",
                "Join the queue outside the embassy before dawn.",
                "Get a notification sent to your inbox whenever someone logs in.",
                "Sign in sheets were left at the front desk of the clinic.",
                "Your email was forwarded to the wrong department, the council admitted.",
                "Become a member of parliament and you lose your privacy.",
            ],
        );
    }

    #[test]
    fn follow_prompts() {
        check_family(
            &SUBSCRIBE,
            &[
                "Follow us",
                "Download the app",
                "Get it on Google Play",
                "Download on the App Store",
                "Download Exampleware Beta",
                "Download now",
                "Follow us on Twitter",
                "Follow us on Facebook, Twitter and Instagram",
                "Follow us: Facebook | Instagram | YouTube",
                "Like us on Facebook",
                "Find us on Instagram",
                "Follow Jane Doe on Twitter",
                "Follow @example_news",
                "Follow",
                "Stay connected",
                "Folgen Sie uns auf Instagram",
                "Síguenos en Twitter",
                "Suivez-nous sur Facebook",
                "Seguici su Instagram",
                "Follow us on Instagram Like us on Facebook",
                "Suivre Exemple Hebdo sur Instagram",
            ],
            &[
                "Follow the river north for two miles.",
                "Download speeds fell again in the spring.",
                "Download the report before the meeting, the manager said.",
                "Follow the money, the detective told his partner.",
                "Follow-up visits were scheduled for March.",
                "Followers of the cult gathered in the square at noon.",
                "We follow the rules on Twitter and everywhere else, the spokesman said.",
                "Following the storm, the bridge was closed for repairs.",
                "Like us, the neighbours had no heating for a week.",
                "Find us a table near the window, please.",
                "Follow instructions",
                "Follow Jane Doe",
                "Connect with the cable provided in the box.",
                "Follow Jane Doe through three winters in the Arctic.",
            ],
        );
    }

    #[test]
    fn cookie_banners() {
        check_family(
            &COOKIE,
            &[
                "This website uses cookies to improve your experience.",
                "This site uses cookies.",
                "This website uses cookies to ensure you get the best experience on our website. Learn more",
                "We use cookies to personalise content and ads, to provide social media features and to analyse our traffic.",
                "We use cookies.",
                "We and our partners store and/or access information on a device, such as cookies, and process personal data for personalised ads and content measurement.",
                "By continuing to browse this site you agree to our use of cookies.",
                "By using this website, you accept our use of cookies as described in our Privacy Policy.",
                "Cookies help us deliver our services. By using our services, you agree to our use of cookies.",
                "We value your privacy",
                "Cookie notice",
                "Diese Website verwendet Cookies",
                "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
                "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
                "Este sitio web utiliza cookies para mejorar su experiencia.",
                "Ce site utilise des cookies",
                "Nous utilisons des cookies pour améliorer votre expérience.",
                "Questo sito utilizza cookie tecnici e di profilazione.",
            ],
            &[
                "Cookies were served after the ceremony in the old hall.",
                "We use cookies as a reward for the dog.",
                "We baked cookies for the whole street on Sunday.",
                "The site used cookies from a local bakery for its opening party.",
                "By continuing the strike, the union risks losing public support.",
                "Cookies and cream is still the most popular flavour, the survey found.",
                "The court ruled that tracking cookies require consent under the directive, a decision that will affect thousands of websites across the union.",
                "We use cookie cutters shaped like stars.",
                "Cookie Monster turned fifty this year.",
                "Utilizamos harina de trigo para la masa.",
            ],
        );
    }

    #[test]
    fn cookie_buttons() {
        check_family(
            &COOKIE,
            &[
                "Accept",
                "Accept all",
                "Accept All Cookies",
                "Accept cookies",
                "Reject all",
                "Reject All Accept All",
                "Manage preferences",
                "Manage cookies",
                "Cookie settings",
                "Cookie Preferences",
                "Got it",
                "Got it!",
                "I agree",
                "OK",
                "Ok, got it",
                "Necessary cookies only",
                "Strictly necessary cookies",
                "Always active",
                "Save preferences",
                "Alle akzeptieren",
                "Aceptar todas las cookies",
                "Tout accepter",
                "Accetta tutti",
            ],
            &[
                "Accept the things you cannot change.",
                "I agree with the senator on this point.",
                "OK Computer was released in 1997.",
                "Got it from a friend who works at the market.",
                "Reject the amendment, the committee urged members.",
                "Manage your time better with these five habits.",
                "Acceptance",
                "Agreed",
                "Settings",
                "Okapi",
            ],
        );
    }
}
