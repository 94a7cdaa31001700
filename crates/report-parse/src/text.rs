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
///
/// A boxed slice, not a `Vec`: a text token holds one, and a table of a million cells holds a
/// million tokens (16 bytes each instead of 24).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Norm {
    pub(crate) chars: Box<[char]>,
}

/// Characters longer than this are compared on their first `MAX_COMPARED` characters only, which
/// keeps matching linear however long a line is.
pub(crate) const MAX_COMPARED: usize = 96;

impl Norm {
    pub(crate) fn new(text: &str) -> Norm {
        // normalised in the thread's buffer, then boxed at its exact length: one allocation,
        // neither a count of the characters first nor a shrink after dropping some
        with_normalized_chars(text, |chars| Norm {
            chars: Box::from(chars),
        })
    }

    /// Normalises the concatenation of two texts.
    pub(crate) fn concat(a: &Norm, b: &Norm) -> Norm {
        let mut chars = Vec::with_capacity(a.chars.len() + b.chars.len());
        chars.extend_from_slice(&a.chars);
        chars.extend_from_slice(&b.chars);
        Norm {
            chars: chars.into_boxed_slice(),
        }
    }

    /// The text without parenthesised annotations (`规章(设区的市…应提供相关数据)` → `规章`); a
    /// numbering in brackets at the start (`(一)`) stays. `None` when there is nothing to drop.
    pub(crate) fn without_annotations(&self) -> Option<Norm> {
        // nothing to drop without an opening bracket after the first character
        if !self.chars.iter().skip(1).any(|&c| c == '(') {
            return None;
        }
        let mut out = Vec::with_capacity(self.chars.len());
        let mut depth = 0usize;
        let mut dropped = false;
        for (i, &c) in self.chars.iter().enumerate() {
            match c {
                '(' if i > 0 && !out.is_empty() => {
                    depth += 1;
                    dropped = true;
                }
                ')' if depth > 0 => depth -= 1,
                _ if depth > 0 => {}
                _ => out.push(c),
            }
        }
        (dropped && !out.is_empty()).then_some(Norm {
            chars: out.into_boxed_slice(),
        })
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
        // the needle's characters on the stack (every keyword is short)
        let mut chars = ['\0'; 32];
        let mut n = 0;
        for c in needle.chars() {
            if n == chars.len() {
                let long: Vec<char> = needle.chars().collect();
                return self.contains_chars(&long);
            }
            chars[n] = c;
            n += 1;
        }
        self.contains_chars(&chars[..n])
    }

    pub(crate) fn contains_chars(&self, needle: &[char]) -> bool {
        let Some(&first) = needle.first() else {
            return false;
        };
        self.chars
            .windows(needle.len())
            .any(|w| w[0] == first && w == needle)
    }
}

/// [`with_normalized_chars`] as a string, made in a second buffer kept per thread.
pub(crate) fn with_normalized<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static STRING: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    with_normalized_chars(text, |chars| {
        STRING.with(|cell| match cell.try_borrow_mut() {
            Ok(mut out) => {
                out.clear();
                out.extend(chars);
                f(&out)
            }
            Err(_) => f(&chars.iter().collect::<String>()),
        })
    })
}

/// Calls `f` with `text` normalised as [`Norm`] has it, in a buffer kept per thread (no
/// allocation once it has grown; a call inside `f` makes its own).
pub(crate) fn with_normalized_chars<R>(text: &str, f: impl FnOnce(&[char]) -> R) -> R {
    thread_local! {
        static CHARS: std::cell::RefCell<Vec<char>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    CHARS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut chars) => {
            chars.clear();
            push_normalized(text, &mut chars);
            f(&chars)
        }
        // a call inside `f`: a buffer of its own
        Err(_) => {
            let mut chars = Vec::new();
            push_normalized(text, &mut chars);
            f(&chars)
        }
    })
}

impl AsRef<[char]> for Norm {
    fn as_ref(&self) -> &[char] {
        &self.chars
    }
}

fn push_normalized(text: &str, out: &mut Vec<char>) {
    out.extend(text.chars().filter_map(normalize_char));
    fix_words(out);
}

/// One character as [`Norm`] has it (width folded, simplified, masks as [`MASK`]), or `None`
/// for the characters it drops (spaces, invisible characters, quotes). Word substitutions
/// (`檔案` → `文件`) are not made.
pub(crate) fn normalize_char(c: char) -> Option<char> {
    // the commonest characters first: ASCII, and the unified ideographs (none of them a space,
    // an invisible character, a quote, a radical or a compatibility form)
    if c.is_ascii() {
        return match c {
            '*' => Some(MASK),
            '"' | '\'' => None,
            _ if c.is_ascii_whitespace() || c == '\u{0B}' => None,
            _ => Some(c),
        };
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return Some(simplify(c));
    }
    normalize_other(c)
}

/// [`normalize_char`] of the characters its shortcuts do not take.
fn normalize_other(c: char) -> Option<char> {
    let c = match c {
        // full-width ASCII block → ASCII
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '【' | '〔' => '(',
        '】' | '〕' => ')',
        _ => c,
    };
    if c.is_whitespace() || is_invisible(c) || is_quote(c) {
        return None;
    }
    Some(if c == '*' { MASK } else { simplify(c) })
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

/// Traditional and simplified forms of the characters of the template's labels and headings,
/// sorted by the traditional one.
const PAIRS: &[(char, char)] = &[
    ('來', '来'),
    ('係', '系'),
    ('個', '个'),
    ('們', '们'),
    ('傳', '传'),
    ('價', '价'),
    ('內', '内'),
    ('兩', '两'),
    ('動', '动'),
    ('務', '务'),
    ('區', '区'),
    ('問', '问'),
    ('單', '单'),
    ('國', '国'),
    ('園', '园'),
    ('圓', '元'),
    ('圖', '图'),
    ('團', '团'),
    ('執', '执'),
    ('報', '报'),
    ('場', '场'),
    ('實', '实'),
    ('審', '审'),
    ('寫', '写'),
    ('對', '对'),
    ('導', '导'),
    ('屬', '属'),
    ('師', '师'),
    ('帶', '带'),
    ('廠', '厂'),
    ('廢', '废'),
    ('廣', '广'),
    ('廳', '厅'),
    ('強', '强'),
    ('後', '后'),
    ('復', '复'),
    ('徵', '征'),
    ('態', '态'),
    ('憲', '宪'),
    ('應', '应'),
    ('戰', '战'),
    ('採', '采'),
    ('換', '换'),
    ('損', '损'),
    ('擔', '担'),
    ('據', '据'),
    ('擴', '扩'),
    ('數', '数'),
    ('於', '于'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('東', '东'),
    ('條', '条'),
    ('業', '业'),
    ('極', '极'),
    ('構', '构'),
    ('標', '标'),
    ('樣', '样'),
    ('機', '机'),
    ('檔', '档'),
    ('檢', '检'),
    ('權', '权'),
    ('歷', '历'),
    ('歸', '归'),
    ('氣', '气'),
    ('決', '决'),
    ('況', '况'),
    ('減', '减'),
    ('準', '准'),
    ('漢', '汉'),
    ('濟', '济'),
    ('災', '灾'),
    ('為', '为'),
    ('無', '无'),
    ('營', '营'),
    ('爭', '争'),
    ('獎', '奖'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('畫', '画'),
    ('當', '当'),
    ('療', '疗'),
    ('發', '发'),
    ('盡', '尽'),
    ('監', '监'),
    ('確', '确'),
    ('礎', '础'),
    ('禮', '礼'),
    ('稅', '税'),
    ('稱', '称'),
    ('穩', '稳'),
    ('窮', '穷'),
    ('範', '范'),
    ('糾', '纠'),
    ('紀', '纪'),
    ('約', '约'),
    ('紅', '红'),
    ('納', '纳'),
    ('純', '纯'),
    ('級', '级'),
    ('細', '细'),
    ('終', '终'),
    ('組', '组'),
    ('結', '结'),
    ('統', '统'),
    ('經', '经'),
    ('綜', '综'),
    ('綠', '绿'),
    ('維', '维'),
    ('網', '网'),
    ('緊', '紧'),
    ('線', '线'),
    ('編', '编'),
    ('縣', '县'),
    ('總', '总'),
    ('績', '绩'),
    ('織', '织'),
    ('繳', '缴'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('罷', '罢'),
    ('義', '义'),
    ('聯', '联'),
    ('職', '职'),
    ('聽', '听'),
    ('肅', '肃'),
    ('脅', '胁'),
    ('與', '与'),
    ('舉', '举'),
    ('舊', '旧'),
    ('艱', '艰'),
    ('萬', '万'),
    ('藝', '艺'),
    ('蘇', '苏'),
    ('蘭', '兰'),
    ('處', '处'),
    ('號', '号'),
    ('蟲', '虫'),
    ('衛', '卫'),
    ('補', '补'),
    ('裝', '装'),
    ('製', '制'),
    ('複', '复'),
    ('見', '见'),
    ('規', '规'),
    ('視', '视'),
    ('親', '亲'),
    ('覽', '览'),
    ('觀', '观'),
    ('訂', '订'),
    ('計', '计'),
    ('訊', '讯'),
    ('託', '托'),
    ('記', '记'),
    ('訪', '访'),
    ('設', '设'),
    ('許', '许'),
    ('訴', '诉'),
    ('評', '评'),
    ('詢', '询'),
    ('試', '试'),
    ('話', '话'),
    ('詳', '详'),
    ('誌', '志'),
    ('認', '认'),
    ('語', '语'),
    ('說', '说'),
    ('調', '调'),
    ('請', '请'),
    ('論', '论'),
    ('諸', '诸'),
    ('謀', '谋'),
    ('講', '讲'),
    ('謝', '谢'),
    ('證', '证'),
    ('識', '识'),
    ('譯', '译'),
    ('議', '议'),
    ('護', '护'),
    ('讀', '读'),
    ('讓', '让'),
    ('貝', '贝'),
    ('負', '负'),
    ('財', '财'),
    ('貢', '贡'),
    ('貨', '货'),
    ('貫', '贯'),
    ('責', '责'),
    ('買', '买'),
    ('費', '费'),
    ('賀', '贺'),
    ('資', '资'),
    ('賓', '宾'),
    ('賣', '卖'),
    ('賦', '赋'),
    ('質', '质'),
    ('賴', '赖'),
    ('購', '购'),
    ('車', '车'),
    ('輔', '辅'),
    ('輕', '轻'),
    ('輸', '输'),
    ('轄', '辖'),
    ('轉', '转'),
    ('辦', '办'),
    ('辭', '辞'),
    ('農', '农'),
    ('這', '这'),
    ('連', '连'),
    ('進', '进'),
    ('運', '运'),
    ('過', '过'),
    ('達', '达'),
    ('違', '违'),
    ('遠', '远'),
    ('適', '适'),
    ('遲', '迟'),
    ('選', '选'),
    ('遺', '遗'),
    ('還', '还'),
    ('邊', '边'),
    ('郵', '邮'),
    ('鄉', '乡'),
    ('鄰', '邻'),
    ('醫', '医'),
    ('釋', '释'),
    ('錄', '录'),
    ('錯', '错'),
    ('鍵', '键'),
    ('鎮', '镇'),
    ('長', '长'),
    ('門', '门'),
    ('閉', '闭'),
    ('開', '开'),
    ('間', '间'),
    ('閱', '阅'),
    ('關', '关'),
    ('陽', '阳'),
    ('隊', '队'),
    ('階', '阶'),
    ('際', '际'),
    ('險', '险'),
    ('雖', '虽'),
    ('雙', '双'),
    ('離', '离'),
    ('難', '难'),
    ('電', '电'),
    ('韓', '韩'),
    ('頁', '页'),
    ('項', '项'),
    ('頭', '头'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('顧', '顾'),
    ('顯', '显'),
    ('風', '风'),
    ('飛', '飞'),
    ('飯', '饭'),
    ('馬', '马'),
    ('驗', '验'),
    ('體', '体'),
    ('髮', '发'),
    ('鬥', '斗'),
    ('魚', '鱼'),
    ('鳥', '鸟'),
    ('麥', '麦'),
    ('黃', '黄'),
    ('點', '点'),
    ('黨', '党'),
    ('齊', '齐'),
    ('齒', '齿'),
    ('龍', '龙'),
    ('龜', '龟'),
];

/// A set of characters of the Basic Multilingual Plane, one bit each (8 KiB): membership in
/// constant time, for the tests made on every character of a text.
pub(crate) struct CharSet {
    bits: Box<[u64; 1024]>,
}

impl CharSet {
    pub(crate) fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet {
            bits: Box::new([0u64; 1024]),
        };
        set.insert(chars);
        set
    }

    /// This set and `chars`.
    pub(crate) fn with(&self, chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet {
            bits: self.bits.clone(),
        };
        set.insert(chars);
        set
    }

    fn insert(&mut self, chars: impl IntoIterator<Item = char>) {
        for c in chars {
            let c = c as u32;
            if c <= 0xFFFF {
                self.bits[(c >> 6) as usize] |= 1 << (c & 63);
            }
        }
    }

    pub(crate) fn contains(&self, c: char) -> bool {
        self.contains_code(c as u32)
    }

    /// [`CharSet::contains`] of the character whose code is `code`, for a caller that has the
    /// code and need not make a `char` of it.
    #[inline]
    pub(crate) fn contains_code(&self, code: u32) -> bool {
        code <= 0xFFFF && self.bits[(code >> 6) as usize] & (1 << (code & 63)) != 0
    }
}

/// The traditional characters [`simplify`] changes.
fn traditional() -> &'static CharSet {
    use std::sync::OnceLock;
    static SET: OnceLock<CharSet> = OnceLock::new();
    SET.get_or_init(|| CharSet::new(PAIRS.iter().map(|&(t, _)| t)))
}

/// Traditional → simplified for the characters of the template's labels and headings.
pub(crate) fn simplify(c: char) -> char {
    // a radical or compatibility ideograph (text taken from a PDF) is the ideograph it stands for
    let c = crate::radicals::unify(c);
    if (c as u32) < 0x3400 || !traditional().contains(c) {
        return c;
    }
    PAIRS
        .binary_search_by_key(&c, |&(t, _)| t)
        .map_or(c, |i| PAIRS[i].1)
}

/// The traditional forms whose simplified form is `c`.
pub(crate) fn traditional_of(c: char) -> impl Iterator<Item = char> {
    PAIRS.iter().filter(move |&&(_, s)| s == c).map(|&(t, _)| t)
}

/// Word-level substitutions a zh-TW converter makes (`檔案` for `文件`, `資訊` for `信息`).
pub(crate) fn fix_words(chars: &mut [char]) {
    // both words keep their length, so the substitution is made in place
    const WORDS: [([char; 2], [char; 2]); 2] =
        [(['档', '案'], ['文', '件']), (['资', '讯'], ['信', '息'])];
    for i in 1..chars.len() {
        for (from, to) in &WORDS {
            if chars[i] == from[1] && chars[i - 1] == from[0] {
                chars[i - 1..=i].copy_from_slice(to);
            }
        }
    }
}

/// How many of `bytes` satisfy `byte`: counted in byte-wide counters over blocks of at most 255
/// bytes, which the compiler makes wide (32 bytes at a time); `filter(…).count()` on a
/// `usize` counts one byte at a time.
#[inline]
pub(crate) fn count_bytes(bytes: &[u8], byte: impl Fn(u8) -> bool) -> usize {
    let mut count = 0;
    for block in bytes.chunks(255) {
        let mut n = 0u8;
        for &b in block {
            n += u8::from(byte(b));
        }
        count += usize::from(n);
    }
    count
}

/// Whether `text` holds the ASCII byte `byte`: memchr, many bytes at a time (a line of a table
/// is asked for its `|` and its tabs).
pub(crate) fn has_byte(text: &str, byte: u8) -> bool {
    // a short text (a cell, a word on its line) looked at byte by byte: memchr's set-up costs
    // more there
    if text.len() < 16 {
        return text.bytes().any(|b| b == byte);
    }
    memchr::memchr(byte, text.as_bytes()).is_some()
}

/// Whether `text` holds two spaces in a row or an ideographic space (`text.contains("  ") ||
/// text.contains('\u{3000}')`): the gaps of columns aligned with spaces. Two searchers made once
/// per process (memchr's memmem), without a substring search's set-up on every line.
pub(crate) fn has_wide_gap(text: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::OnceLock;
    static FINDERS: OnceLock<[Finder<'static>; 2]> = OnceLock::new();
    let [double, ideographic] =
        FINDERS.get_or_init(|| [Finder::new("  "), Finder::new("\u{3000}")]);
    let bytes = text.as_bytes();
    double.find(bytes).is_some() || ideographic.find(bytes).is_some()
}

/// The lines of `text` with their line breaks, as `str::split_inclusive('\n')` gives them, the
/// breaks found by `memchr` many bytes at a time.
pub(crate) fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = breaks.next().map_or(text.len(), |i| i + 1);
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// The lines of `text`, as `str::lines` gives them (`\n` or `\r\n` taken off), found as
/// [`lines_inclusive`] finds them.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    lines_inclusive(text).map(|line| {
        let Some(line) = line.strip_suffix('\n') else {
            return line;
        };
        line.strip_suffix('\r').unwrap_or(line)
    })
}

/// A label of the catalogue, prepared for repeated comparison (bit-parallel LCS).
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    len: usize,
    /// The label's characters, as a [`Sketch`] set.
    set: u128,
    /// For each distinct character of the label, the bit set of its positions: an open-addressed
    /// table of [`SLOTS`] entries (a label has at most 64 distinct characters), `'\0'` for empty.
    masks: Box<[(char, u64); SLOTS]>,
}

const SLOTS: usize = 128;

fn slot(c: char) -> usize {
    (c as u32).wrapping_mul(2_654_435_761) as usize >> 7 & (SLOTS - 1)
}

impl Pattern {
    /// The bits of the label's characters, as a [`Sketch`] set.
    pub(crate) fn set_bits(&self) -> u128 {
        self.set
    }

    pub(crate) fn new(label: &str) -> Pattern {
        let norm = Norm::new(label);
        let chars: Vec<char> = norm
            .chars
            .into_iter()
            .filter(|&c| c != MASK)
            .take(64)
            .collect();
        let mut masks = Box::new([('\0', 0u64); SLOTS]);
        for (i, &c) in chars.iter().enumerate() {
            let mut at = slot(c);
            while masks[at].0 != '\0' && masks[at].0 != c {
                at = (at + 1) & (SLOTS - 1);
            }
            masks[at] = (c, masks[at].1 | 1 << i);
        }
        Pattern {
            len: chars.len(),
            set: Sketch::set_of(&chars),
            masks,
        }
    }

    fn mask_of(&self, c: char) -> u64 {
        let mut at = slot(c);
        loop {
            match self.masks[at] {
                (k, m) if k == c => return m,
                ('\0', _) => return 0,
                _ => at = (at + 1) & (SLOTS - 1),
            }
        }
    }

    /// Length of the longest common subsequence of `text`'s visible characters and the label
    /// (Allison–Dix / Hyyrö bit-parallel algorithm, `O(len(text))`).
    pub(crate) fn lcs(&self, text: &(impl AsRef<[char]> + ?Sized)) -> usize {
        let text = text.as_ref();
        if self.len == 0 {
            return 0;
        }
        let full: u64 = if self.len == 64 {
            !0
        } else {
            (1u64 << self.len) - 1
        };
        let mut v: u64 = full;
        for &c in text.iter().filter(|&&c| c != MASK).take(MAX_COMPARED) {
            let m = self.mask_of(c);
            let u = v & m;
            v = (v.wrapping_add(u) | (v & !m)) & full;
        }
        (!v & full).count_ones() as usize
    }

    /// The similarity of every prefix of `chars` (normalised characters, masks included): entry
    /// `k` is that of the first `k + 1`, in one pass of the bit-parallel LCS.
    pub(crate) fn prefix_similarities(&self, chars: &[char]) -> Vec<Similarity> {
        let full: u64 = if self.len == 64 {
            !0
        } else {
            (1u64 << self.len) - 1
        };
        let mut v: u64 = full;
        let (mut visible, mut masks) = (0usize, 0usize);
        let mut out = Vec::with_capacity(chars.len());
        for &c in chars {
            if c == MASK {
                masks += 1;
            } else if visible < MAX_COMPARED {
                visible += 1;
                let m = self.mask_of(c);
                let u = v & m;
                v = (v.wrapping_add(u) | (v & !m)) & full;
            }
            let lcs = (!v & full).count_ones() as usize;
            out.push(if visible == 0 || self.len == 0 {
                Similarity {
                    precision: 0,
                    recall: 0,
                }
            } else {
                Similarity {
                    precision: (lcs * 1000 / visible) as u32,
                    recall: (((lcs + masks) * 1000 / self.len).min(1000)) as u32,
                }
            });
        }
        out
    }

    /// How well `text` matches the label: precision (share of the text's visible characters
    /// found in the label, in order) and recall (share of the label covered, each masked
    /// character counting as one covered character), both in thousandths.
    pub(crate) fn similarity(&self, text: &(impl AsRef<[char]> + ?Sized)) -> Similarity {
        let text = text.as_ref();
        let masks = text.iter().filter(|&&c| c == MASK).count();
        let visible = (text.len() - masks).min(MAX_COMPARED);
        if visible == 0 || self.len == 0 {
            return Similarity {
                precision: 0,
                recall: 0,
            };
        }
        let lcs = self.lcs(text);
        let precision = (lcs * 1000 / visible) as u32;
        let recall = (((lcs + masks) * 1000 / self.len).min(1000)) as u32;
        Similarity { precision, recall }
    }
}

/// The bit of a character in a [`Sketch`]'s or a [`Pattern`]'s set (128 bits, hashed).
fn bit(c: char) -> u32 {
    (c as u32).wrapping_mul(2_654_435_761) >> 25
}

/// What a text holds, summarised for rejecting a label cheaply before any LCS: the set of its
/// characters (hashed into 128 bits) and, for the characters the LCS compares, how many fall
/// on each bit. Hash collisions only make the bounds looser, never wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sketch {
    /// Every character of the text (masks excepted).
    all: u128,
    /// The characters [`Pattern::lcs`] compares (the first [`MAX_COMPARED`] visible ones).
    compared: u128,
    counts: [u8; 128],
    /// Visible characters compared, and masks.
    compared_len: usize,
    masks: usize,
    /// All visible characters, compared or not.
    total: usize,
}

impl Sketch {
    pub(crate) fn new(text: &(impl AsRef<[char]> + ?Sized)) -> Sketch {
        let mut sketch = Sketch {
            all: 0,
            compared: 0,
            counts: [0; 128],
            compared_len: 0,
            masks: 0,
            total: 0,
        };
        for &c in text.as_ref() {
            if c == MASK {
                sketch.masks += 1;
                continue;
            }
            let b = bit(c);
            sketch.total += 1;
            sketch.all |= 1 << b;
            if sketch.compared_len < MAX_COMPARED {
                sketch.compared_len += 1;
                sketch.compared |= 1 << b;
                sketch.counts[b as usize] = sketch.counts[b as usize].saturating_add(1);
            }
        }
        sketch
    }

    /// The sketch of the text `self` is made from followed by the one `other` is made from,
    /// when every visible character of both is compared (together at most [`MAX_COMPARED`]):
    /// the union of the two. `None` otherwise (the caller sketches the joined text).
    pub(crate) fn joined(&self, other: &Sketch) -> Option<Sketch> {
        if self.total + other.total > MAX_COMPARED {
            return None;
        }
        let mut counts = self.counts;
        for (c, o) in counts.iter_mut().zip(&other.counts) {
            *c = c.saturating_add(*o);
        }
        Some(Sketch {
            all: self.all | other.all,
            compared: self.compared | other.compared,
            counts,
            compared_len: self.compared_len + other.compared_len,
            masks: self.masks + other.masks,
            total: self.total + other.total,
        })
    }

    /// The number of characters that are not masks, as [`Norm::visible`] counts them.
    pub(crate) fn visible(&self) -> usize {
        self.total
    }

    /// The bits of every character of the text (masks excepted).
    pub(crate) fn all_bits(&self) -> u128 {
        self.all
    }

    /// Whether the text may contain every character of a set made by [`Sketch::set_of`].
    pub(crate) fn may_contain(&self, set: u128) -> bool {
        set & !self.all == 0
    }

    /// Whether [`Pattern::similarity`] of the text could reach `precision` and `recall`
    /// (thousandths): an upper bound of the LCS from the characters shared with the label.
    pub(crate) fn may_match(&self, pattern: &Pattern, precision: u32, recall: u32) -> bool {
        if self.compared_len == 0 || pattern.len == 0 {
            return false;
        }
        let mut shared = self.compared & pattern.set;
        let mut bound = 0usize;
        while shared != 0 {
            bound += usize::from(self.counts[shared.trailing_zeros() as usize]);
            shared &= shared - 1;
        }
        self.bound_reaches(bound, pattern, precision, recall)
    }

    /// [`Sketch::may_match`] given `shared`, the number of compared characters of the text
    /// whose bits the label's set has (what `may_match` counts itself).
    pub(crate) fn bound_reaches(
        &self,
        shared: usize,
        pattern: &Pattern,
        precision: u32,
        recall: u32,
    ) -> bool {
        if self.compared_len == 0 || pattern.len == 0 {
            return false;
        }
        let bound = shared.min(pattern.len);
        // `⌊a / b⌋ ≥ p` is `a ≥ p·b`: the thousandths compared without dividing
        bound * 1000 >= precision as usize * self.compared_len
            && recall <= 1000
            && (bound + self.masks) * 1000 >= recall as usize * pattern.len
    }

    /// For up to 64 labels at once, the count [`Sketch::bound_reaches`] takes: `by_bit[b]` says
    /// which labels' sets have bit `b` ([`Pattern::set_bits`]); `out[j]` receives label `j`'s
    /// count. The work is the text's distinct bits times the labels holding each, not the
    /// labels times the bits.
    ///
    /// Returns the labels that share a bit with the text (the others' counts are zero).
    pub(crate) fn shared_counts(&self, by_bit: &[u64; 128], out: &mut [usize; 64]) -> u64 {
        *out = [0; 64];
        let mut touched = 0;
        let mut bits = self.compared;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let n = usize::from(self.counts[b]);
            let mut labels = by_bit[b];
            touched |= labels;
            while labels != 0 {
                out[labels.trailing_zeros() as usize] += n;
                labels &= labels - 1;
            }
        }
        touched
    }

    /// The set of characters of `chars`, for [`Sketch::may_contain`].
    pub(crate) fn set_of(chars: &[char]) -> u128 {
        chars.iter().fold(0, |set, &c| set | 1 << bit(c))
    }
}

/// The titles of the six sections as patterns, built once per process.
pub(crate) fn section_patterns() -> &'static [Pattern; 6] {
    use std::sync::OnceLock;
    static PATTERNS: OnceLock<[Pattern; 6]> = OnceLock::new();
    PATTERNS.get_or_init(|| report_model::SectionKind::ALL.map(|k| Pattern::new(k.title())))
}

/// Whether `b` carries on the label `pattern` where `a` leaves it: `a` is mostly found in the
/// label, and `a` followed by `b` covers at least two thirds of `b`'s characters more of it.
/// Used to join the pieces of a label wrapped over several lines.
pub(crate) fn continues(pattern: &Pattern, a: &Norm, b: &Norm) -> bool {
    let (va, vb) = (a.visible(), b.visible());
    if va == 0 || vb == 0 {
        return false;
    }
    let before = pattern.lcs(a);
    let after = pattern.lcs(&Norm::concat(a, b));
    before * 2 >= va && (after - before) * 3 >= vb * 2
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

/// Every text made of three of `pieces` one after the other (tests that hold a shortcut to the
/// code it short-cuts run over them).
#[cfg(test)]
pub(crate) fn triples(pieces: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for a in pieces {
        for b in pieces {
            for c in pieces {
                out.push(format!("{a}{b}{c}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Two sketches joined are the sketch of the two texts joined, whenever `joined` gives
        /// one; it gives one whenever every character of both is compared.
        #[test]
        fn sketches_joined_are_the_sketch_of_the_joined_text(
            a in proptest::collection::vec(proptest::sample::select(vec!['一', '(', '1', '*', '申', '请', 'a']), 0..70),
            b in proptest::collection::vec(proptest::sample::select(vec!['一', ')', '2', '*', '公', '开', 'b']), 0..70),
        ) {
            let (a, b): (String, String) = (a.into_iter().collect(), b.into_iter().collect());
            let (na, nb) = (super::Norm::new(&a), super::Norm::new(&b));
            let (sa, sb) = (super::Sketch::new(&na), super::Sketch::new(&nb));
            let whole = super::Sketch::new(&super::Norm::concat(&na, &nb));
            match sa.joined(&sb) {
                Some(joined) => proptest::prop_assert_eq!(joined, whole),
                None => proptest::prop_assert!(sa.visible() + sb.visible() > super::MAX_COMPARED),
            }
        }
    }

    /// A `Norm` made while the thread's buffer is lent out (inside `with_normalized_chars`)
    /// normalises in a buffer of its own, the same way.
    #[test]
    fn norms_made_inside_a_normalisation_are_the_same() {
        let (outer, inner) = super::with_normalized_chars("（一） 予以公開", |outer| {
            (outer.to_vec(), super::Norm::new("規範性檔案"))
        });
        assert_eq!(outer.iter().collect::<String>(), "(一)予以公开");
        assert_eq!(inner.as_string(), "规范性文件");
        assert_eq!(inner, super::Norm::new("規範性檔案"));
    }

    proptest::proptest! {
        /// `has_byte` and `has_wide_gap`, which search with memchr, answer as `str::contains`.
        #[test]
        fn byte_and_gap_searches_answer_as_contains(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![" ", "  ", "\u{3000}", "、", "|", "\t", "1", "数", "\u{2000}"]),
                0..40,
            )
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(super::has_byte(&text, b'|'), text.contains('|'));
            proptest::prop_assert_eq!(super::has_byte(&text, b'\t'), text.contains('\t'));
            proptest::prop_assert_eq!(
                super::has_wide_gap(&text),
                text.contains("  ") || text.contains('\u{3000}')
            );
        }

        #[test]
        fn bytes_counted_in_blocks_as_one_by_one(
            bytes in proptest::collection::vec(proptest::sample::select(vec![b'|', b'\n', b'a', 0xE4]), 0..1200)
        ) {
            let is = |b: u8| matches!(b, b'|' | b'\n');
            proptest::prop_assert_eq!(
                super::count_bytes(&bytes, is),
                bytes.iter().filter(|&&b| is(b)).count()
            );
        }

        #[test]
        fn lines_found_by_memchr_as_by_str(
            text in proptest::collection::vec(
                proptest::sample::select(vec!["\n", "\r", "\r\n", "a", "一", " ", "|"]),
                0..12,
            )
        ) {
            let text: String = text.concat();
            proptest::prop_assert_eq!(
                super::lines_inclusive(&text).collect::<Vec<_>>(),
                text.split_inclusive('\n').collect::<Vec<_>>()
            );
            proptest::prop_assert_eq!(
                super::lines(&text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>()
            );
        }
    }

    /// The shortcuts of `normalize_char` give what the full test gives, for every character.
    #[test]
    fn every_character_normalised_as_without_the_shortcuts() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(super::normalize_char(c), super::normalize_other(c), "{c:?}");
        }
    }

    /// `Sketch::bound_reaches` compares thousandths by multiplying: the same answers as the
    /// divisions it replaced, for every length, bound and bar the readers use (and the ends).
    #[test]
    fn bounds_compared_without_dividing_as_with() {
        let bars = [0u32, 450, 550, 600, 850, 950, 1000, 1001];
        for compared in 1..=40usize {
            for len in 1..=40usize {
                let pattern = super::Pattern {
                    len,
                    ..super::Pattern::new("规章")
                };
                for masks in 0..=2usize {
                    let sketch = super::Sketch {
                        compared_len: compared,
                        masks,
                        ..super::Sketch::new(&['规'])
                    };
                    for shared in 0..=42usize {
                        for &p in &bars {
                            for &r in &bars {
                                let bound = shared.min(len);
                                let divided = (bound * 1000 / compared) as u32 >= p
                                    && (((bound + masks) * 1000 / len).min(1000) as u32) >= r;
                                assert_eq!(
                                    sketch.bound_reaches(shared, &pattern, p, r),
                                    divided,
                                    "{compared} {len} {masks} {shared} {p} {r}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

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
    fn contains_finds_short_and_long_needles() {
        let norm = Norm::new("（一）不予公开 3.危及“三安全一稳定” 其他处理");
        assert!(norm.contains("其他处理"));
        assert!(norm.contains("危及三安全一稳定"));
        assert!(!norm.contains("其他处理决定"));
        assert!(!norm.contains(""));
        // longer than the stack buffer of 32 characters
        let long = "一二三四五六七八九十".repeat(4);
        assert!(Norm::new(&format!("前{long}后")).contains(&long));
        assert!(!Norm::new(&long[3..]).contains(&long));
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
