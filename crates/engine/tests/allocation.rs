//! Memory a hostile file can make the engine reserve. Sizes written inside a file (a ZIP
//! header's "uncompressed size") are claims, not facts: the engine may check them, never
//! allocate by them. This test binary counts the largest single allocation.
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use arshif_engine::import::{docx::DocxImporter, Importer, ParseContext};

/// The system allocator, remembering the largest request.
struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the counter only records.
unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Largest = Largest;

/// A ZIP of one stored (uncompressed) part whose headers claim `claimed` bytes.
fn zip_claiming(name: &str, data: &[u8], claimed: u32) -> Vec<u8> {
    let name = name.as_bytes();
    let mut zip = Vec::new();
    let u16le = |zip: &mut Vec<u8>, v: u16| zip.extend_from_slice(&v.to_le_bytes());
    let u32le = |zip: &mut Vec<u8>, v: u32| zip.extend_from_slice(&v.to_le_bytes());
    u32le(&mut zip, 0x0403_4b50);
    for v in [20, 0, 0, 0, 0] {
        u16le(&mut zip, v); // Version, flags, method (stored), time, date.
    }
    u32le(&mut zip, 0); // CRC-32.
    u32le(&mut zip, data.len() as u32);
    u32le(&mut zip, claimed);
    u16le(&mut zip, name.len() as u16);
    u16le(&mut zip, 0);
    zip.extend_from_slice(name);
    zip.extend_from_slice(data);
    let directory = zip.len() as u32;
    u32le(&mut zip, 0x0201_4b50);
    for v in [20, 20, 0, 0, 0, 0] {
        u16le(&mut zip, v);
    }
    u32le(&mut zip, 0);
    u32le(&mut zip, data.len() as u32);
    u32le(&mut zip, claimed);
    for v in [name.len() as u16, 0, 0, 0, 0] {
        u16le(&mut zip, v);
    }
    u32le(&mut zip, 0);
    u32le(&mut zip, 0);
    zip.extend_from_slice(name);
    let size = zip.len() as u32 - directory;
    u32le(&mut zip, 0x0605_4b50);
    for v in [0, 0, 1, 1] {
        u16le(&mut zip, v);
    }
    u32le(&mut zip, size);
    u32le(&mut zip, directory);
    u16le(&mut zip, 0);
    zip
}

/// Found by reading the DOCX reader after fuzzing it: a 300-byte file claiming a 60 MB part
/// made it reserve 60 MB before reading a byte, for every such file in a batch.
#[test]
fn a_claimed_size_is_not_an_allocation() {
    let xml = b"<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>";
    let file = zip_claiming("word/document.xml", xml, 60 * 1024 * 1024);
    assert!(file.len() < 400);
    LARGEST.store(0, Ordering::Relaxed);
    let result = DocxImporter.parse(&file, Path::new("claims.docx"), &ParseContext::default());
    let largest = LARGEST.load(Ordering::Relaxed);
    assert!(result.is_err(), "the claim is false: {result:?}");
    assert!(
        largest < 4 * 1024 * 1024,
        "reserved {largest} bytes for a {}-byte file",
        file.len()
    );
}
