fn main() -> std::process::ExitCode {
    cloudsentinel_cli::main()
}
