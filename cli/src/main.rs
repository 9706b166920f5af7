fn main() {
    std::process::exit(cloudsentinel_cli::run())
}
