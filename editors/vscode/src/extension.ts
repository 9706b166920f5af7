// Starts `cloudsentinel lsp` for Terraform files and CloudFormation templates. Everything
// else (diagnostics, quick fixes, hovers) comes from the language server.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("cloudsentinel");
  const command = config.get<string>("path") || "cloudsentinel";
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", pattern: "**/*.tf" },
      { scheme: "file", pattern: "**/*.tf.json" },
      { scheme: "file", pattern: "**/*.tofu" },
      { scheme: "file", pattern: "**/*.tofu.json" },
      { scheme: "file", pattern: "**/*.tfvars" },
      { scheme: "file", language: "terraform" },
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
    ],
    // Sends {"cloudsentinel": {...}} on every settings change: the server re-publishes.
    synchronize: { configurationSection: "cloudsentinel" },
    initializationOptions: { cloudsentinel: { severity: config.get<string>("severity") } },
  };
  client = new LanguageClient("cloudsentinel", "CloudSentinel", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand("cloudsentinel.restart", async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
