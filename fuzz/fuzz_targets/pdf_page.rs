//! Any bytes as the content of a PDF page (its text and path operators): the page is read and
//! parsed without panicking, every located thing lies in the text read, and every line of it
//! says where it stands. The page has a one-byte font, a two-byte (CID) font, both with
//! ToUnicode maps, and a form that draws the same bytes again (and itself: the depth bound).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let pdf = page_with(data);
    if let Ok((text, report)) = report_parse::parse_bytes(&pdf) {
        assert_eq!(report.origins.len(), text.lines().count());
        for cell in report.cells() {
            assert!(cell.span.end <= text.len());
            assert!(text.is_char_boundary(cell.span.start) && text.is_char_boundary(cell.span.end));
        }
        for d in &report.diagnostics {
            assert!(d.span.end <= text.len());
        }
    }
});

/// A one-page PDF whose page content (and form) is `content`.
fn page_with(content: &[u8]) -> Vec<u8> {
    // ToUnicode maps as producers write them (lopdf reads them line by line)
    let one_byte = concat!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /A def\n",
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
        "3 beginbfrange\n<20> <7E> <0020>\n<80> <BF> <4E00>\n<C0> <C3> [<FF5C> <3001> <FF08> <FF09>]\nendbfrange\n",
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n",
    )
    .as_bytes()
    .to_vec();
    let two_byte = concat!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /B def\n",
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        "2 beginbfrange\n<0020> <007E> <0020>\n<0100> <0FFF> <4E00>\nendbfrange\n",
        "1 beginbfchar\n<1000> <D835DC00>\nendbfchar\n",
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n",
    )
    .as_bytes()
    .to_vec();
    let resources = "<< /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /X1 8 0 R >> >>";
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>"
        )
        .into_bytes(),
        stream("", content),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /A /FirstChar 32 /Widths [250 300 400 500 600] /ToUnicode 7 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /B /Encoding /Identity-H /DescendantFonts [9 0 R] /ToUnicode 10 0 R >>".to_vec(),
        stream("", &one_byte),
        stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 -400] /Resources {resources}"),
            content,
        ),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /B /DW 1000 /W [32 [500 500 500] 256 4095 1000] >>".to_vec(),
        stream("", &two_byte),
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}
