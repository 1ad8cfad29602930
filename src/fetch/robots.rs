//! robots.txt, fetched once per origin (scheme, host and port) and cached
//! for the run; concurrent requests to a new origin wait for the one fetch.
//! Parsed with `texting_robots` for the agent token of the user agent
//! (`unchrome`). Following RFC 9309: a 4xx answer (but 429) allows
//! everything; a 429 or 5xx disallows everything; an unreachable host
//! fails the page with the network error.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use texting_robots::Robot;
use tokio::sync::OnceCell;
use url::Url;

use super::http::{self, Purpose};
use super::{Ctx, Failure};
use crate::error::ErrorKind;

/// The robots.txt path, relative to an origin.
const ROBOTS_PATH: &str = "/robots.txt";

/// What robots.txt says about one origin.
#[derive(Debug)]
enum Rules {
    /// No rules (missing, unparsable): everything may be fetched.
    AllowAll,
    /// Nothing may be fetched, and why.
    DisallowAll(String),
    /// The parsed rules.
    Parsed(Box<Robot>),
    /// The robots.txt could not be fetched at all.
    Unreachable(Failure),
}

/// The robots.txt rules of every origin met so far.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    origins: Mutex<HashMap<String, Arc<OnceCell<Rules>>>>,
}

/// The product token robots.txt groups are matched against: the user
/// agent up to its first `/` or space (`unchrome/0.1.0` → `unchrome`).
pub fn agent_token(user_agent: &str) -> &str {
    user_agent
        .split(['/', ' '])
        .next()
        .filter(|t| !t.is_empty())
        .unwrap_or(user_agent)
}

/// `Ok` when robots.txt lets `url` be fetched (asked for as `origin`).
pub(crate) async fn check(ctx: &Ctx, origin: &str, url: &Url) -> Result<(), Failure> {
    let key = url.origin().ascii_serialization();
    let cell = {
        let mut origins = ctx
            .robots
            .origins
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(origins.entry(key.clone()).or_default())
    };
    let rules = cell.get_or_init(|| load(ctx, url)).await;
    let refuse = |why: String| Failure {
        error: crate::Error::new(
            origin,
            ErrorKind::Robots,
            format!("{why}; not fetched (--ignore-robots fetches anyway)"),
        ),
        status: None,
        final_url: Some(url.to_string()),
    };
    match rules {
        Rules::AllowAll => Ok(()),
        Rules::DisallowAll(why) => Err(refuse(why.clone())),
        Rules::Parsed(robot) if robot.allowed(url.as_str()) => Ok(()),
        Rules::Parsed(_) => Err(refuse(format!(
            "{key}{ROBOTS_PATH} disallows {}",
            url.path()
        ))),
        Rules::Unreachable(failure) => Err(Failure {
            error: crate::Error::new(
                origin,
                failure.error.kind,
                format!("fetching {key}{ROBOTS_PATH}: {}", failure.error.message),
            ),
            status: failure.status,
            final_url: failure.final_url.clone(),
        }),
    }
}

async fn load(ctx: &Ctx, url: &Url) -> Rules {
    let Ok(robots_url) = url.join(ROBOTS_PATH) else {
        return Rules::AllowAll;
    };
    // Boxed: fetching a page checks robots.txt, which fetches (a robots.txt, which does not).
    let fetched = Box::pin(http::fetch(
        ctx,
        robots_url.as_str(),
        &robots_url,
        Purpose::Robots,
    ))
    .await;
    match fetched {
        Ok(body) => match Robot::new(agent_token(&ctx.options.user_agent), &body.bytes) {
            Ok(robot) => Rules::Parsed(Box::new(robot)),
            Err(_) => Rules::AllowAll,
        },
        Err(failure) => match failure.status {
            Some(429) => Rules::DisallowAll(format!("{robots_url} answered 429 Too Many Requests")),
            Some(status) if (400..500).contains(&status) => Rules::AllowAll,
            Some(status) => Rules::DisallowAll(format!("{robots_url} answered HTTP {status}")),
            None if failure.error.kind == ErrorKind::TooManyRedirects => {
                Rules::DisallowAll(format!("{robots_url}: {}", failure.error.message))
            }
            None => Rules::Unreachable(failure),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agent_token_is_the_product_name() {
        assert_eq!(agent_token("unchrome/0.1.0"), "unchrome");
        assert_eq!(agent_token("MyBot 2.0 (+http://x)"), "MyBot");
        assert_eq!(agent_token("plain"), "plain");
    }

    #[test]
    fn texting_robots_reads_groups_for_our_token() {
        let txt =
            b"User-agent: *\nDisallow: /private\n\nUser-agent: unchrome\nDisallow: /no-unchrome\n";
        let robot = Robot::new("unchrome", txt).expect("parses");
        assert!(robot.allowed("http://h.example/private/a"));
        assert!(!robot.allowed("http://h.example/no-unchrome/a"));
        let other = Robot::new("otherbot", txt).expect("parses");
        assert!(!other.allowed("http://h.example/private/a"));
    }
}
