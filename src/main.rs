fn main() {
    dashboard::browser::install_panic_banner();
    leptos::mount::mount_to_body(dashboard::App);
}
