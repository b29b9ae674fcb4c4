// Without this, Windows release builds open a console window beside the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    arshif_desktop::run();
}
