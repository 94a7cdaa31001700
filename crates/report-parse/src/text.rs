//! Label normalisation and tolerant matching.
//!
//! Labels arrive with full- and half-width punctuation, spaces inside CJK text, masks (`****`)
//! that ate part of them, traditional characters, truncations and line breaks. Everything that
//! compares a piece of text with a label of the catalogue goes through [`Norm`] and [`Pattern`].

/// The marker a mask (`*`, `＊`) becomes in normalised text. Keywords never contain it, so a
/// mask never bridges a keyword.
pub(crate) const MASK: char = '*';

/// Text normalised for comparison: half-width ASCII, no whitespace, no quotes, simplified
/// characters for the words the template uses, one [`MASK`] per masked character.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Norm {
    pub(crate) chars: Vec<char>,
}

/// Characters longer than this are compared on their first `MAX_COMPARED` characters only, which
/// keeps matching linear however long a line is.
pub(crate) const MAX_COMPARED: usize = 96;

impl Norm {
    pub(crate) fn new(text: &str) -> Norm {
        let mut chars = Vec::with_capacity(text.len() / 2);
        push_normalized(text, &mut chars);
        Norm { chars }
    }

    /// Normalises the concatenation of two texts.
    pub(crate) fn concat(a: &Norm, b: &Norm) -> Norm {
        let mut chars = a.chars.clone();
        chars.extend_from_slice(&b.chars);
        Norm { chars }
    }

    pub(crate) fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// Number of masked characters.
    pub(crate) fn masks(&self) -> usize {
        self.chars.iter().filter(|&&c| c == MASK).count()
    }

    /// Number of characters that are not masks.
    pub(crate) fn visible(&self) -> usize {
        self.chars.len() - self.masks()
    }

    pub(crate) fn contains(&self, needle: &str) -> bool {
        let needle: Vec<char> = needle.chars().collect();
        !needle.is_empty()
            && self
                .chars
                .windows(needle.len())
                .any(|w| w == needle.as_slice())
    }
}

fn push_normalized(text: &str, out: &mut Vec<char>) {
    for c in text.chars() {
        let c = match c {
            // full-width ASCII block → ASCII
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '【' | '〔' => '(',
            '】' | '〕' => ')',
            _ => c,
        };
        if c.is_whitespace() || is_invisible(c) || is_quote(c) {
            continue;
        }
        let c = if c == '*' { MASK } else { simplify(c) };
        out.push(c);
    }
    fix_words(out);
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}'
    )
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '《' | '》'
    )
}

/// Traditional → simplified for the characters of the template's labels and headings.
fn simplify(c: char) -> char {
    const PAIRS: &[(char, char)] = &[
        ('規', '规'),
        ('範', '范'),
        ('檔', '档'),
        ('資', '资'),
        ('訊', '讯'),
        ('處', '处'),
        ('決', '决'),
        ('數', '数'),
        ('製', '制'),
        ('許', '许'),
        ('強', '强'),
        ('罰', '罚'),
        ('審', '审'),
        ('結', '结'),
        ('轉', '转'),
        ('請', '请'),
        ('開', '开'),
        ('項', '项'),
        ('條', '条'),
        ('對', '对'),
        ('費', '费'),
        ('總', '总'),
        ('計', '计'),
        ('國', '国'),
        ('機', '机'),
        ('關', '关'),
        ('訴', '诉'),
        ('議', '议'),
        ('復', '复'),
        ('維', '维'),
        ('糾', '纠'),
        ('監', '监'),
        ('報', '报'),
        ('類', '类'),
        ('務', '务'),
        ('過', '过'),
        ('執', '执'),
        ('詢', '询'),
        ('現', '现'),
        ('補', '补'),
        ('確', '确'),
        ('訪', '访'),
        ('舉', '举'),
        ('複', '复'),
        ('無', '无'),
        ('當', '当'),
        ('歸', '归'),
        ('導', '导'),
        ('應', '应'),
        ('體', '体'),
        ('況', '况'),
        ('論', '论'),
        ('權', '权'),
        ('護', '护'),
        ('屬', '属'),
        ('於', '于'),
        ('險', '险'),
        ('穩', '稳'),
        ('內', '内'),
        ('後', '后'),
        ('與', '与'),
        ('為', '为'),
        ('這', '这'),
        ('門', '门'),
        ('單', '单'),
        ('兩', '两'),
        ('個', '个'),
        ('發', '发'),
        ('廢', '废'),
        ('實', '实'),
        ('際', '际'),
        ('統', '统'),
        ('營', '营'),
        ('業', '业'),
        ('構', '构'),
        ('會', '会'),
        ('織', '织'),
        ('師', '师'),
        ('續', '续'),
        ('辦', '办'),
        ('繳', '缴'),
        ('納', '纳'),
        ('問', '问'),
        ('題', '题'),
        ('進', '进'),
        ('點', '点'),
        ('設', '设'),
        ('區', '区'),
        ('縣', '县'),
        ('鄉', '乡'),
        ('鎮', '镇'),
        ('頁', '页'),
        ('採', '采'),
        ('購', '购'),
        ('額', '额'),
        ('萬', '万'),
        ('圓', '元'),
        ('減', '减'),
        ('徵', '征'),
        ('帶', '带'),
        ('經', '经'),
        ('們', '们'),
        ('說', '说'),
        ('產', '产'),
        ('辭', '辞'),
        ('讓', '让'),
        ('據', '据'),
        ('見', '见'),
        ('間', '间'),
    ];
    if (c as u32) < 0x3400 {
        return c;
    }
    PAIRS.iter().find(|(t, _)| *t == c).map_or(c, |&(_, s)| s)
}

/// Word-level substitutions a zh-TW converter makes (`檔案` for `文件`, `資訊` for `信息`).
fn fix_words(chars: &mut Vec<char>) {
    const WORDS: &[(&str, &str)] = &[("档案", "文件"), ("资讯", "信息")];
    for (from, to) in WORDS {
        let from: Vec<char> = from.chars().collect();
        let to: Vec<char> = to.chars().collect();
        let mut i = 0;
        while i + from.len() <= chars.len() {
            if chars[i..i + from.len()] == from[..] {
                chars.splice(i..i + from.len(), to.iter().copied());
                i += to.len();
            } else {
                i += 1;
            }
        }
    }
}

/// A label of the catalogue, prepared for repeated comparison (bit-parallel LCS).
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    len: usize,
    /// For each distinct character of the label, the bit set of its positions.
    masks: Vec<(char, u64)>,
}

impl Pattern {
    pub(crate) fn new(label: &str) -> Pattern {
        let norm = Norm::new(label);
        let chars: Vec<char> = norm
            .chars
            .into_iter()
            .filter(|&c| c != MASK)
            .take(64)
            .collect();
        let mut masks: Vec<(char, u64)> = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            match masks.iter_mut().find(|(k, _)| *k == c) {
                Some((_, m)) => *m |= 1 << i,
                None => masks.push((c, 1 << i)),
            }
        }
        masks.sort_unstable_by_key(|&(c, _)| c);
        Pattern {
            len: chars.len(),
            masks,
        }
    }

    fn mask_of(&self, c: char) -> u64 {
        self.masks
            .binary_search_by_key(&c, |&(k, _)| k)
            .map_or(0, |i| self.masks[i].1)
    }

    /// Length of the longest common subsequence of `text`'s visible characters and the label
    /// (Allison–Dix / Hyyrö bit-parallel algorithm, `O(len(text))`).
    pub(crate) fn lcs(&self, text: &Norm) -> usize {
        if self.len == 0 {
            return 0;
        }
        let full: u64 = if self.len == 64 {
            !0
        } else {
            (1u64 << self.len) - 1
        };
        let mut v: u64 = full;
        for &c in text.chars.iter().filter(|&&c| c != MASK).take(MAX_COMPARED) {
            let m = self.mask_of(c);
            let u = v & m;
            v = (v.wrapping_add(u) | (v & !m)) & full;
        }
        (!v & full).count_ones() as usize
    }

    /// How well `text` matches the label: precision (share of the text's visible characters
    /// found in the label, in order) and recall (share of the label covered, each masked
    /// character counting as one covered character), both in thousandths.
    pub(crate) fn similarity(&self, text: &Norm) -> Similarity {
        let visible = text.visible().min(MAX_COMPARED);
        if visible == 0 || self.len == 0 {
            return Similarity {
                precision: 0,
                recall: 0,
            };
        }
        let lcs = self.lcs(text);
        let precision = (lcs * 1000 / visible) as u32;
        let recall = (((lcs + text.masks()) * 1000 / self.len).min(1000)) as u32;
        Similarity { precision, recall }
    }
}

/// Precision and recall of a match, in thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Similarity {
    pub(crate) precision: u32,
    pub(crate) recall: u32,
}

impl Similarity {
    /// The harmonic mean of precision and recall, in thousandths.
    pub(crate) fn f1(self) -> u32 {
        let (p, r) = (self.precision, self.recall);
        (2 * p * r).checked_div(p + r).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_removes_spaces_quotes_and_width() {
        assert_eq!(
            Norm::new("三 、 本 年 度 办 理 结 果").as_string(),
            "三、本年度办理结果"
        );
        assert_eq!(Norm::new("（一） 予以公开").as_string(), "(一)予以公开");
        assert_eq!(
            Norm::new("3.危及“三安全一稳定”").as_string(),
            "3.危及三安全一稳定"
        );
        assert_eq!(Norm::new("規範性檔案").as_string(), "规范性文件");
        assert_eq!(Norm::new("二、****政府").as_string(), "二、****政府");
        assert_eq!(Norm::new("\u{3000}１．本机关").as_string(), "1.本机关");
    }

    #[test]
    fn lcs_counts_common_subsequence() {
        let p = Pattern::new("收到和处理政府信息公开申请情况");
        assert_eq!(p.lcs(&Norm::new("政府信息公开申请情况")), 10);
        assert_eq!(p.lcs(&Norm::new("****政府信息公开申请情况")), 10);
        assert_eq!(p.lcs(&Norm::new("")), 0);
        let s = p.similarity(&Norm::new("****政府信息公开申请情况"));
        assert_eq!(s.precision, 1000);
        assert!(s.recall >= 900);
    }

    #[test]
    fn masks_do_not_bridge_keywords() {
        assert!(!Norm::new("政府**信息").contains("政府信息"));
        assert!(Norm::new("x政府信息y").contains("政府信息"));
    }
}
