//! Web pages: the article in a saved or pasted page, as plain text with its
//! metadata. The page's main text is found by Mozilla Readability's scoring
//! (`dom_smoothie`, a maintained port), which also reads Open Graph, JSON-LD and
//! `<meta>` for the title, byline, date and address. Scripts, styles, forms,
//! comments, navigation, asides and footers never reach the text, and nothing
//! of the page is ever run or put into the app's page.
//!
//! The text is the body's paragraphs and headings, a blank line between each.

use dom_smoothie::{Config, Readability, TextMode};

use crate::model::labelled::FormatError;

/// What a web page holds for us.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebArticle {
    pub title: String,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub text: String,
}

/// True for what looks like an HTML page rather than text.
pub fn is_html(name: &str, text: &str) -> bool {
    let name = name.to_lowercase();
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_lowercase();
    name.ends_with(".html")
        || name.ends_with(".htm")
        || head.starts_with("<!doctype html")
        || head.starts_with("<html")
}

/// The article in a page.
pub fn extract(html: &str) -> Result<WebArticle, FormatError> {
    let config = Config {
        text_mode: TextMode::Formatted,
        // Pages larger than this many elements are not articles.
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    let mut readability = Readability::new(html, None, Some(config))
        .map_err(|e| FormatError::Malformed(format!("the page could not be read: {e}")))?;
    let article = readability
        .parse()
        .map_err(|e| FormatError::Malformed(format!("no article was found in the page ({e})")))?;
    let text = paragraphs(&article.text_content);
    // A page of links and labels has words, but no article.
    if text.split_whitespace().count() < 10 {
        return Err(FormatError::Malformed(
            "no article was found in the page: it has too little running text".to_owned(),
        ));
    }
    let clean = |value: Option<String>| -> Option<String> {
        value
            .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|v| !v.is_empty())
    };
    let title = clean(Some(article.title)).unwrap_or_default();
    // The headline opens the text (it makes claims too), unless the body does.
    let text = if title.is_empty() || text.starts_with(&title) {
        text
    } else {
        format!("{title}\n\n{text}")
    };
    Ok(WebArticle {
        title,
        byline: clean(article.byline),
        published: clean(article.published_time),
        url: clean(article.url).or_else(|| clean(page_address(html))),
        site: clean(article.site_name),
        text,
    })
}

/// What a paste of rich text (the clipboard's `text/html`) holds: the article,
/// when it is a whole page; for the part of a page most pastes are, its text,
/// paragraph by paragraph, with what is never article text (scripts, styles,
/// navigation, asides, forms, footers) left out.
pub fn extract_pasted(html: &str) -> Result<WebArticle, FormatError> {
    // Readability's scoring needs a page; on a fragment it keeps what it should not.
    if is_html("", html) {
        if let Ok(article) = extract(html) {
            return Ok(article);
        }
    }
    let document = dom_query::Document::from(html);
    // One name at a time: removing a mixed selection stops at the first gap.
    for name in [
        "script", "style", "noscript", "template", "iframe", "nav", "aside", "footer", "form",
        "button", "svg",
    ] {
        document.select(name).remove();
    }
    let text = paragraphs(&document.select("body").formatted_text());
    if text.trim().is_empty() {
        return Err(FormatError::Malformed(
            "the pasted content has no text".to_owned(),
        ));
    }
    Ok(WebArticle {
        text,
        ..WebArticle::default()
    })
}

/// The page's own address: its Open Graph URL or its canonical link.
fn page_address(html: &str) -> Option<String> {
    let document = dom_query::Document::from(html);
    let og = document
        .select(r#"meta[property="og:url"]"#)
        .attr("content");
    let canonical = || document.select(r#"link[rel="canonical"]"#).attr("href");
    og.or_else(canonical).map(|url| url.to_string())
}

/// A web page as a document to annotate: its article's text, no annotations.
pub fn read_page(
    text: &str,
    schema: &crate::model::labels::LabelSchema,
) -> Result<super::Read, FormatError> {
    let article = extract(text)?;
    let mut builder = super::Builder::new(schema);
    let document = builder.document(&article.title, article.text)?;
    builder.add(document)?;
    Ok(builder.finish())
}

/// The extracted text as paragraphs: white space within a line folded, lines
/// trimmed, one blank line between paragraphs.
fn paragraphs(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    let mut out = paragraphs.join("\n\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str) -> String {
        let path = format!("{}/tests/fixtures/pages/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn a_news_page_gives_its_story_and_metadata_and_nothing_else() {
        let article = extract(&page("wire-story.html")).unwrap();
        assert_eq!(
            article.title,
            "Washington, Baghdad to discuss future of foreign troops in Iraq"
        );
        assert_eq!(article.site.as_deref(), Some("Energy News"));
        assert_eq!(
            article.url.as_deref(),
            Some("https://news.example/iraq-troops-talks")
        );
        assert!(article
            .published
            .as_deref()
            .is_some_and(|d| d.starts_with("2024-01-25")));
        assert!(
            article
                .byline
                .as_deref()
                .is_some_and(|b| b.contains("Gamal-Gabriel") || b.contains("GAMAL-GABRIEL")),
            "{:?}",
            article.byline
        );
        let text = &article.text;
        for kept in [
            "The United States and Iraq said Thursday",
            "“a specific and clear timeline... and to begin the gradual reduction",
            "Attacks 'need to stop'",
            "\"We are extremely worried by the constant attacks against international military bases,\" said Albares",
            "is no longer a danger for the Iraqi state",
        ] {
            assert!(text.contains(kept), "lost {kept:?} in:\n{text}");
        }
        for gone in [
            "Injected by a script",
            "font-family",
            "editor's comment",
            "Search",
            "Related Links",
            "Iraq rebukes",
            "Copyright",
            "cookies",
            "Home",
        ] {
            assert!(!text.contains(gone), "kept {gone:?} in:\n{text}");
        }
        // The headline first, then paragraphs, a blank line between each.
        assert!(
            text.starts_with("Washington, Baghdad to discuss future of foreign troops in Iraq\n\n"),
            "{text}"
        );
        assert!(text.contains("presence.\n\n"), "{text}");
    }

    #[test]
    fn a_right_to_left_page_with_only_json_ld_gives_its_story_and_details() {
        let article = extract(&page("arabic-jsonld.html")).unwrap();
        assert_eq!(
            article.title,
            "العراق والولايات المتحدة تبدآن محادثات حول مستقبل التحالف"
        );
        assert_eq!(article.byline.as_deref(), Some("سارة الحسن"));
        assert!(article
            .published
            .as_deref()
            .is_some_and(|d| d.starts_with("2024-01-25")));
        assert_eq!(
            article.url.as_deref(),
            Some("https://akhbar.example/iraq-us-talks")
        );
        let text = &article.text;
        for kept in [
            "قالت الحكومة العراقية يوم الخميس",
            "\"نريد جدولاً زمنياً واضحاً ومحدداً",
            "2,500 جندي أمريكي ما زالوا منتشرين في العراق 🇮🇶",
            "\"يجب أن تتوقف\"",
        ] {
            assert!(text.contains(kept), "lost {kept:?} in:\n{text}");
        }
        for gone in [
            "ملفات تعريف الارتباط",
            "الرئيسية",
            "تعليق داخلي",
            "الأكثر قراءة",
            "جميع الحقوق",
            ".menu",
        ] {
            assert!(!text.contains(gone), "kept {gone:?} in:\n{text}");
        }
    }

    #[test]
    fn a_blog_post_keeps_its_quotes_and_lists_but_not_its_comments_or_share_links() {
        let article = extract(&page("blog-with-comments.html")).unwrap();
        assert_eq!(
            article.title,
            "What the minister really said about the talks"
        );
        assert_eq!(article.byline.as_deref(), Some("Jo Reviewer"));
        assert_eq!(article.site.as_deref(), Some("The Checker's Notebook"));
        assert!(article
            .published
            .as_deref()
            .is_some_and(|d| d.starts_with("2024-01-26")));
        let text = &article.text;
        for kept in [
            "\"announced the withdrawal\"",
            "\"a specific and clear timeline\"",
            "\"The talks will determine how the Coalition's military mission will evolve on a timeline,\" the US Secretary of Defense said",
            "Our verdict",
            "\"Withdrawal announced\": false.",
            "\"within weeks\"",
        ] {
            assert!(text.contains(kept), "lost {kept:?} in:\n{text}");
        }
        for gone in [
            "Fake news",
            "troll42",
            "Post comment",
            "Tweet",
            "Subscribe",
            "Cookie policy",
            "tracked=1",
        ] {
            assert!(!text.contains(gone), "kept {gone:?} in:\n{text}");
        }
        // Paragraphs, list items and headings each on their own, a blank line between.
        assert!(text.contains("Our verdict\n\n"), "{text}");
    }

    #[test]
    fn a_pasted_part_of_a_page_gives_its_paragraphs_and_nothing_else() {
        let html = "<meta charset='utf-8'><h2>Talks to begin</h2><p>Iraq said\n  Thursday <b>talks</b> would begin.</p>\
            <script>alert('x')</script><nav><a href='/'>Home</a></nav><p>A second paragraph.</p>\
            <!-- a comment --><footer>Copyright</footer>";
        let article = extract_pasted(html).unwrap();
        assert_eq!(
            article.text,
            "Talks to begin\n\nIraq said Thursday talks would begin.\n\nA second paragraph.\n"
        );
        assert!(extract_pasted("<p> </p><script>x()</script>").is_err());
    }

    #[test]
    fn pages_are_told_from_text() {
        assert!(is_html("story.HTM", "anything"));
        assert!(is_html("clip", "  <!DOCTYPE html><html>"));
        assert!(!is_html("story.txt", "The minister said <b> is a tag."));
    }

    #[test]
    fn a_page_without_an_article_says_so() {
        assert!(extract("<html><body><nav>Home</nav></body></html>").is_err());
    }
}
