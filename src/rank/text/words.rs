//! Words: those that only make a text a question, and how far apart two
//! words are (for reading a misspelt word as a skill word).

/// Words of a question that say it is a question, not what it is about
/// ("who knows", "is there someone", "help with"): a query drops them before
/// matching, documents keep them. Lower case and accent-folded, before stemming.
pub(super) const QUESTION_WORDS: &[&str] = &[
    "who",
    "whom",
    "whose",
    "what",
    "which",
    "where",
    "when",
    "why",
    "how",
    "do",
    "does",
    "did",
    "doing",
    "can",
    "could",
    "would",
    "should",
    "shall",
    "may",
    "might",
    "must",
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "you",
    "your",
    "know",
    "knows",
    "knew",
    "known",
    "knowing",
    "anyone",
    "anybody",
    "someone",
    "somebody",
    "everyone",
    "people",
    "person",
    "colleague",
    "colleagues",
    "help",
    "helps",
    "helping",
    "need",
    "needs",
    "want",
    "wants",
    "ask",
    "asking",
    "looking",
    "find",
    "advice",
    "tell",
    "explain",
    "please",
    "thanks",
    "thank",
    "hi",
    "hello",
    "hey",
    "about",
    "here",
    "has",
    "have",
    "had",
    "am",
    "been",
    "being",
    "expert",
    "experts",
    "expertise",
    "good",
    "best",
    "something",
    "anything",
    "get",
    "got",
    "give",
    "show",
    "like",
    "able",
    "around",
    "any",
    "some",
    "there",
];

/// Optimal string alignment distance: edits of one character, and swaps of
/// two neighbours ("recrods" is one swap from "records").
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the table: two back (for swaps), one back, this one.
    let mut back2: Vec<usize> = vec![0; b.len() + 1];
    let mut back: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (back[j] + 1).min(row[j - 1] + 1).min(back[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(back2[j - 2] + 1);
            }
            row[j] = d;
        }
        std::mem::swap(&mut back2, &mut back);
        std::mem::swap(&mut back, &mut row);
    }
    back[b.len()]
}
