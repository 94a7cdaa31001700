//! The label catalogue: the tables, rows and columns of both templates, and the canonical cell
//! addresses of `CELLS.md`.
//!
//! This is the one place the template is written down. The parser aligns text to it, the rules
//! name its addresses, and the outputs print its labels.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The three statistical tables of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 二、主动公开政府信息情况 (`proactive`).
    Proactive,
    /// 三、收到和处理政府信息公开申请情况 (`requests`).
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况 (`appeals`).
    Appeals,
}

impl TableKind {
    /// All three, in the order they appear in a report.
    pub const ALL: [TableKind; 3] = [
        TableKind::Proactive,
        TableKind::Requests,
        TableKind::Appeals,
    ];

    /// The address prefix: `proactive`, `requests` or `appeals`.
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Proactive => "proactive",
            TableKind::Requests => "requests",
            TableKind::Appeals => "appeals",
        }
    }

    /// The Chinese name of the table, as the report's section heading names it.
    pub fn label(self) -> &'static str {
        match self {
            TableKind::Proactive => "主动公开政府信息情况",
            TableKind::Requests => "收到和处理政府信息公开申请情况",
            TableKind::Appeals => "政府信息公开行政复议、行政诉讼情况",
        }
    }

    /// The section of the report this table belongs to.
    pub fn section(self) -> SectionKind {
        match self {
            TableKind::Proactive => SectionKind::Proactive,
            TableKind::Requests => SectionKind::Requests,
            TableKind::Appeals => SectionKind::Appeals,
        }
    }

    fn rows(self) -> &'static [RowDef] {
        match self {
            TableKind::Proactive => PROACTIVE_ROWS,
            TableKind::Requests => REQUEST_ROWS,
            TableKind::Appeals => APPEAL_ROWS,
        }
    }

    fn columns(self) -> &'static [ColumnDef] {
        match self {
            TableKind::Proactive => PROACTIVE_COLUMNS,
            TableKind::Requests => REQUEST_COLUMNS,
            TableKind::Appeals => APPEAL_COLUMNS,
        }
    }
}

impl fmt::Display for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The six numbered sections of a report (the same titles in both templates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况
    Proactive,
    /// 三、收到和处理政府信息公开申请情况
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况
    Appeals,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

impl SectionKind {
    /// All six, in template order.
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::Proactive,
        SectionKind::Requests,
        SectionKind::Appeals,
        SectionKind::Problems,
        SectionKind::Other,
    ];

    /// The official heading without its numeral, e.g. `总体情况`.
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Overview => "总体情况",
            SectionKind::Proactive => "主动公开政府信息情况",
            SectionKind::Requests => "收到和处理政府信息公开申请情况",
            SectionKind::Appeals => "政府信息公开行政复议、行政诉讼情况",
            SectionKind::Problems => "存在的主要问题及改进情况",
            SectionKind::Other => "其他需要报告的事项",
        }
    }

    /// The numeral the template gives the section (`一` … `六`).
    pub fn numeral(self) -> char {
        ['一', '二', '三', '四', '五', '六'][self as usize]
    }

    /// The full official heading, e.g. `一、总体情况`.
    pub fn heading(self) -> String {
        format!("{}、{}", self.numeral(), self.title())
    }
}

/// The template a table follows: the 2019 trial format or the 2021 revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Template {
    /// 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.
    #[serde(rename = "2019")]
    V2019,
    /// The revised format of 国办公开办函〔2021〕30号, for reports on 2021 and later.
    #[serde(rename = "2021")]
    V2021,
}

impl Template {
    /// `"2019"` or `"2021"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::V2019 => "2019",
            Template::V2021 => "2021",
        }
    }

    /// The template in force for reports on data year `year` (2021 from the 2021 reports on).
    pub fn for_year(year: i32) -> Template {
        if year >= 2021 {
            Template::V2021
        } else {
            Template::V2019
        }
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a cell may hold when it holds a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// A non-negative integer count (件, 项).
    Count,
    /// A signed integer (2019 本年增/减).
    SignedCount,
    /// A non-negative decimal amount of money (万元 unless the cell says otherwise).
    Amount,
}

/// One row of a table in the catalogue: a data row (which has cells) or a group label (a merged
/// label cell such as `（三）不予公开`, which has none).
#[derive(Debug)]
pub struct RowDef {
    /// The address segment, e.g. `withheld.state_secret`; empty for a group label.
    pub key: &'static str,
    /// The official label, as the template prints it.
    pub label: &'static str,
    /// Distinctive fragments of the label, simplified characters, half-width punctuation, no
    /// spaces: a text containing one of them very probably names this row.
    pub keywords: &'static [&'static str],
    /// The columns of the row in the 2019 template (indexes into the table's columns); empty
    /// when the row is not in that template or is a group label.
    cols_2019: &'static [u8],
    /// The same for the 2021 template.
    cols_2021: &'static [u8],
    /// Whether the row is a group label.
    pub group: bool,
    /// Whether the row is in the 2019 template.
    in_2019: bool,
    /// Whether the row is in the 2021 template.
    in_2021: bool,
}

impl RowDef {
    /// Whether the row is part of `template`.
    pub fn in_template(&self, template: Template) -> bool {
        match template {
            Template::V2019 => self.in_2019,
            Template::V2021 => self.in_2021,
        }
    }
}

/// One column of a table in the catalogue.
#[derive(Debug)]
pub struct ColumnDef {
    /// The address segment, e.g. `natural_persons`.
    pub key: &'static str,
    /// The official column header.
    pub label: &'static str,
    /// What the cells of this column hold.
    pub value_type: ValueType,
}

const ALL7: &[u8] = &[0, 1, 2, 3, 4, 5, 6];
const ALL5: &[u8] = &[0, 1, 2, 3, 4];
const NONE: &[u8] = &[];

macro_rules! row {
    ($key:expr, $label:expr, [$($kw:expr),*], $c19:expr, $c21:expr) => {
        RowDef { key: $key, label: $label, keywords: &[$($kw),*], cols_2019: $c19, cols_2021: $c21,
                 group: false, in_2019: !$c19.is_empty(), in_2021: !$c21.is_empty() }
    };
    (group $label:expr, [$($kw:expr),*], $in19:expr, $in21:expr) => {
        RowDef { key: "", label: $label, keywords: &[$($kw),*], cols_2019: NONE, cols_2021: NONE,
                 group: true, in_2019: $in19, in_2021: $in21 }
    };
}

const PROACTIVE_COLUMNS: &[ColumnDef] = &[
    ColumnDef {
        key: "made",
        label: "本年新制作数量",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "published",
        label: "本年新公开数量",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "total_published",
        label: "对外公开总数量",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "issued",
        label: "本年制发件数",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "repealed",
        label: "本年废止件数",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "in_force",
        label: "现行有效件数",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "previous_items",
        label: "上一年项目数量",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "item_change",
        label: "本年增/减",
        value_type: ValueType::SignedCount,
    },
    ColumnDef {
        key: "decisions",
        label: "处理决定数量",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "amount",
        label: "本年收费金额（单位：万元）",
        value_type: ValueType::Amount,
    },
    ColumnDef {
        key: "projects",
        label: "采购项目数量",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "amount",
        label: "采购总金额",
        value_type: ValueType::Amount,
    },
];

const PROACTIVE_ROWS: &[RowDef] = &[
    row!(group "第二十条第（一）项", ["第(一)项"], true, true),
    row!("regulations", "规章", ["规章"], &[0, 1, 2], &[3, 4, 5]),
    row!(
        "normative_documents",
        "（行政）规范性文件",
        ["规范性文件", "规范性档案", "规范文件"],
        &[0, 1, 2],
        &[3, 4, 5]
    ),
    row!(group "第二十条第（五）项", ["第(五)项"], true, true),
    row!("licensing", "行政许可", ["行政许可"], &[6, 7, 8], &[8]),
    row!(
        "other_services",
        "其他对外管理服务事项",
        ["对外管理服务", "其他对外管理"],
        &[6, 7, 8],
        NONE
    ),
    row!(group "第二十条第（六）项", ["第(六)项"], true, true),
    row!("penalties", "行政处罚", ["行政处罚"], &[6, 7, 8], &[8]),
    row!(
        "coercive_measures",
        "行政强制",
        ["行政强制"],
        &[6, 7, 8],
        &[8]
    ),
    row!(group "第二十条第（八）项", ["第(八)项"], true, true),
    row!("fees", "行政事业性收费", ["事业性收费"], &[6, 7], &[9]),
    row!(group "第二十条第（九）项", ["第(九)项"], true, false),
    row!("procurement", "政府集中采购", ["集中采购"], &[10, 11], NONE),
];

const REQUEST_COLUMNS: &[ColumnDef] = &[
    ColumnDef {
        key: "natural_persons",
        label: "自然人",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "commercial",
        label: "商业企业",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "research",
        label: "科研机构",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "social_welfare",
        label: "社会公益组织",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "legal_services",
        label: "法律服务机构",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "other_orgs",
        label: "其他",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "total",
        label: "总计",
        value_type: ValueType::Count,
    },
];

const REQUEST_ROWS: &[RowDef] = &[
    row!(
        "received",
        "一、本年新收政府信息公开申请数量",
        ["本年新收"],
        ALL7,
        ALL7
    ),
    row!(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        ["上年结转"],
        ALL7,
        ALL7
    ),
    row!(group "三、本年度办理结果", ["本年度办理结果", "办理结果"], true, true),
    row!("granted", "（一）予以公开", ["予以公开"], ALL7, ALL7),
    row!(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ["部分公开", "区分处理"],
        ALL7,
        ALL7
    ),
    row!(group "（三）不予公开", ["不予公开"], true, true),
    row!(
        "withheld.state_secret",
        "1.属于国家秘密",
        ["国家秘密"],
        ALL7,
        ALL7
    ),
    row!(
        "withheld.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        ["法律行政法规", "法规禁止"],
        ALL7,
        ALL7
    ),
    row!(
        "withheld.security_stability",
        "3.危及“三安全一稳定”",
        ["三安全一稳定", "危及三安全"],
        ALL7,
        ALL7
    ),
    row!(
        "withheld.third_party_rights",
        "4.保护第三方合法权益",
        ["第三方合法", "保护第三方"],
        ALL7,
        ALL7
    ),
    row!(
        "withheld.internal_affairs",
        "5.属于三类内部事务信息",
        ["内部事务"],
        ALL7,
        ALL7
    ),
    row!(
        "withheld.process_information",
        "6.属于四类过程性信息",
        ["过程性信息"],
        ALL7,
        ALL7
    ),
    row!(
        "withheld.enforcement_files",
        "7.属于行政执法案卷",
        ["执法案卷"],
        ALL7,
        ALL7
    ),
    row!(
        "withheld.query_matters",
        "8.属于行政查询事项",
        ["行政查询", "查询事项"],
        ALL7,
        ALL7
    ),
    row!(group "（四）无法提供", ["无法提供"], true, true),
    row!(
        "unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        ["不掌握"],
        ALL7,
        ALL7
    ),
    row!(
        "unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        ["另行制作", "没有现成"],
        ALL7,
        ALL7
    ),
    row!(
        "unavailable.unclear",
        "3.补正后申请内容仍不明确",
        ["仍不明确", "补正后申请"],
        ALL7,
        ALL7
    ),
    row!(group "（五）不予处理", ["不予处理"], true, true),
    row!(
        "not_processed.complaints",
        "1.信访举报投诉类申请",
        ["信访举报", "举报投诉"],
        ALL7,
        ALL7
    ),
    row!(
        "not_processed.duplicate",
        "2.重复申请",
        ["重复申请"],
        ALL7,
        ALL7
    ),
    row!(
        "not_processed.publications",
        "3.要求提供公开出版物",
        ["出版物"],
        ALL7,
        ALL7
    ),
    row!(
        "not_processed.excessive",
        "4.无正当理由大量反复申请",
        ["大量反复"],
        ALL7,
        ALL7
    ),
    row!(
        "not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        ["确认或重新出具", "重新出具"],
        ALL7,
        ALL7
    ),
    row!("other", "（六）其他处理", ["其他处理"], ALL7, NONE),
    row!(group "（六）其他处理", ["其他处理"], false, true),
    row!(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ["逾期不补正"],
        NONE,
        ALL7
    ),
    row!(
        "other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ["收费通知", "缴纳费用"],
        NONE,
        ALL7
    ),
    row!("other.other", "3.其他", [], NONE, ALL7),
    row!("total", "（七）总计", ["总计"], ALL7, ALL7),
    row!(
        "carried_forward",
        "四、结转下年度继续办理",
        ["结转下年度", "下年度继续"],
        ALL7,
        ALL7
    ),
];

const APPEAL_COLUMNS: &[ColumnDef] = &[
    ColumnDef {
        key: "upheld",
        label: "结果维持",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "corrected",
        label: "结果纠正",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "other",
        label: "其他结果",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "pending",
        label: "尚未审结",
        value_type: ValueType::Count,
    },
    ColumnDef {
        key: "total",
        label: "总计",
        value_type: ValueType::Count,
    },
];

const APPEAL_ROWS: &[RowDef] = &[
    row!("review", "行政复议", ["行政复议"], ALL5, ALL5),
    row!(
        "litigation_direct",
        "未经复议直接起诉",
        ["直接起诉", "直接诉讼"],
        ALL5,
        ALL5
    ),
    row!(
        "litigation_after_review",
        "复议后起诉",
        ["复议后起诉", "复议后诉讼"],
        ALL5,
        ALL5
    ),
];

/// A row of the catalogue, named by table and position: the handle the parser and the rules
/// use to walk a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Row {
    table: TableKind,
    index: u8,
}

impl Row {
    /// The rows (data rows and group labels) of `table` in `template`, in the order the template
    /// prints them.
    pub fn sequence(table: TableKind, template: Template) -> impl Iterator<Item = Row> {
        table
            .rows()
            .iter()
            .enumerate()
            .filter(move |(_, def)| def.in_template(template))
            .map(move |(i, _)| Row {
                table,
                index: i as u8,
            })
    }

    /// Every data row of `table`, in any template, in catalogue order.
    pub fn all(table: TableKind) -> impl Iterator<Item = Row> {
        table
            .rows()
            .iter()
            .enumerate()
            .filter(|(_, def)| !def.group)
            .map(move |(i, _)| Row {
                table,
                index: i as u8,
            })
    }

    /// The data row of `table` whose address segment is `key`.
    pub fn by_key(table: TableKind, key: &str) -> Option<Row> {
        Row::all(table).find(|r| r.def().key == key)
    }

    /// The table the row belongs to.
    pub fn table(self) -> TableKind {
        self.table
    }

    /// The row's definition: key, label, keywords.
    pub fn def(self) -> &'static RowDef {
        &self.table.rows()[self.index as usize]
    }

    /// The official label.
    pub fn label(self) -> &'static str {
        self.def().label
    }

    /// Whether this is a group label without cells.
    pub fn is_group(self) -> bool {
        self.def().group
    }

    /// The addresses of the row's cells in `template`, in column order (empty for a group label
    /// or a row the template does not have).
    pub fn cells(self, template: Template) -> impl Iterator<Item = Address> {
        let def = self.def();
        let cols = match template {
            Template::V2019 => def.cols_2019,
            Template::V2021 => def.cols_2021,
        };
        cols.iter().map(move |&c| Address {
            table: self.table,
            row: self.index,
            column: c,
        })
    }
}

/// The canonical address of one statistical cell, `table.row.column` (`requests.received.total`,
/// `proactive.fees.amount`, `appeals.review.upheld`), the same whatever the layout of the source.
///
/// Addresses order as the template prints the cells (table, then row, then column). They
/// serialize as their string form.
///
/// ```
/// use report_model::Address;
/// let a: Address = "requests.withheld.state_secret.research".parse()?;
/// assert_eq!(a.to_string(), "requests.withheld.state_secret.research");
/// assert_eq!(a.row_label(), "1.属于国家秘密");
/// assert_eq!(a.column_label(), "科研机构");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Address {
    table: TableKind,
    row: u8,
    column: u8,
}

impl Address {
    /// The address as one number that sorts as the address does (table, then row, then
    /// column): one comparison in a binary search instead of three.
    pub(crate) fn key(self) -> u32 {
        (self.table as u32) << 16 | u32::from(self.row) << 8 | u32::from(self.column)
    }

    /// Every address of the catalogue, in canonical order (226 in all: a 2019 table 二 has 22
    /// cells, a 2021 one 10, table 三 161 or 175, table 四 15; some rows belong to one template).
    pub fn all() -> impl Iterator<Item = Address> {
        TableKind::ALL.into_iter().flat_map(Address::all_in)
    }

    /// Every address of `table`, in canonical order, in any template.
    pub fn all_in(table: TableKind) -> impl Iterator<Item = Address> {
        let mut out: Vec<Address> = Row::all(table)
            .flat_map(|r| r.cells(Template::V2019).chain(r.cells(Template::V2021)))
            .collect();
        out.sort();
        out.dedup();
        out.into_iter()
    }

    /// The addresses `template` gives `table`, in canonical order.
    pub fn of_template(table: TableKind, template: Template) -> impl Iterator<Item = Address> {
        Row::sequence(table, template).flat_map(move |r| r.cells(template))
    }

    /// The table the cell belongs to.
    pub fn table(self) -> TableKind {
        self.table
    }

    /// The row the cell belongs to.
    pub fn row(self) -> Row {
        Row {
            table: self.table,
            index: self.row,
        }
    }

    /// The column's definition.
    pub fn column_def(self) -> &'static ColumnDef {
        &self.table.columns()[self.column as usize]
    }

    /// The column's address segment, e.g. `total`.
    pub fn column_key(self) -> &'static str {
        self.column_def().key
    }

    /// The row's official label.
    pub fn row_label(self) -> &'static str {
        self.row().label()
    }

    /// The column's official header.
    pub fn column_label(self) -> &'static str {
        self.column_def().label
    }

    /// What the cell may hold.
    pub fn value_type(self) -> ValueType {
        self.column_def().value_type
    }

    /// Whether `template` has this cell.
    pub fn in_template(self, template: Template) -> bool {
        self.row().cells(template).any(|a| a == self)
    }

    /// The position of the cell's column within its row in `template` (0-based), if the template
    /// has the cell.
    pub fn column_index(self, template: Template) -> Option<usize> {
        self.row().cells(template).position(|a| a == self)
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}.{}",
            self.table.key(),
            self.row().def().key,
            self.column_key()
        )
    }
}

/// The error of parsing an [`Address`] from a string that names no cell of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAddress(pub String);

impl fmt::Display for UnknownAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown cell address `{}`", self.0)
    }
}

impl std::error::Error for UnknownAddress {}

impl FromStr for Address {
    type Err = UnknownAddress;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownAddress(s.to_owned());
        let (table, rest) = s.split_once('.').ok_or_else(unknown)?;
        let table = TableKind::ALL
            .into_iter()
            .find(|t| t.key() == table)
            .ok_or_else(unknown)?;
        let (row, column) = rest.rsplit_once('.').ok_or_else(unknown)?;
        let row = Row::by_key(table, row).ok_or_else(unknown)?;
        row.cells(Template::V2019)
            .chain(row.cells(Template::V2021))
            .find(|a| a.column_key() == column)
            .ok_or_else(unknown)
    }
}

impl Serialize for Address {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Address {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn address_keys_sort_as_addresses() {
        let all: Vec<super::Address> = super::Address::all().collect();
        for a in &all {
            for b in &all {
                assert_eq!(a.key().cmp(&b.key()), a.cmp(b), "{a} {b}");
            }
        }
    }

    use super::*;

    #[test]
    fn cell_counts_match_the_templates() {
        let count = |t, v| Address::of_template(t, v).count();
        assert_eq!(count(TableKind::Proactive, Template::V2019), 22);
        assert_eq!(count(TableKind::Proactive, Template::V2021), 10);
        assert_eq!(count(TableKind::Requests, Template::V2019), 161);
        assert_eq!(count(TableKind::Requests, Template::V2021), 175);
        assert_eq!(count(TableKind::Appeals, Template::V2019), 15);
        assert_eq!(count(TableKind::Appeals, Template::V2021), 15);
        assert_eq!(Address::all().count(), 29 + 26 * 7 + 15);
    }

    #[test]
    fn every_address_round_trips_through_its_string() {
        for a in Address::all() {
            let s = a.to_string();
            assert_eq!(s.parse::<Address>(), Ok(a), "{s}");
        }
        assert!("requests.nothing.total".parse::<Address>().is_err());
        assert!("proactive.regulations.amount".parse::<Address>().is_err());
    }

    #[test]
    fn the_addresses_are_those_of_cells_md() {
        let all: Vec<String> = Address::all().map(|a| a.to_string()).collect();
        for s in [
            "proactive.regulations.issued",
            "proactive.normative_documents.total_published",
            "proactive.other_services.item_change",
            "proactive.fees.amount",
            "proactive.fees.previous_items",
            "proactive.procurement.projects",
            "proactive.procurement.amount",
            "requests.other.other_orgs",
            "requests.other.other.total",
            "requests.carried_forward.total",
            "appeals.litigation_after_review.pending",
        ] {
            assert!(all.iter().any(|a| a == s), "{s}");
        }
        let fees: Address = "proactive.fees.amount".parse().unwrap();
        let procurement: Address = "proactive.procurement.amount".parse().unwrap();
        assert_eq!(fees.column_label(), "本年收费金额（单位：万元）");
        assert_eq!(procurement.column_label(), "采购总金额");
        assert!(fees.in_template(Template::V2021) && !fees.in_template(Template::V2019));
    }

    #[test]
    fn addresses_order_as_the_template_prints_them() {
        let seq: Vec<Address> =
            Address::of_template(TableKind::Requests, Template::V2021).collect();
        let mut sorted = seq.clone();
        sorted.sort();
        assert_eq!(seq, sorted);
        assert_eq!(seq[0].to_string(), "requests.received.natural_persons");
        assert_eq!(
            seq.last().unwrap().to_string(),
            "requests.carried_forward.total"
        );
    }
}
