//! The checked-in SDL must match what the code generates.

#[test]
fn schema_file_matches_the_code() {
    let generated = tacit::api::graphql::sdl();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(tacit::SCHEMA_PATH);
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        generated == checked_in,
        "schema/schema.graphql is out of date with the code.\nRegenerate it with:\n\n    cargo run -- schema --write\n"
    );
}
