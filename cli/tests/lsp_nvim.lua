-- Drives Neovim's built-in LSP client against `cloudsentinel lsp` (run by cli/tests/lsp.rs):
-- opens CS_FILE, waits for diagnostics, writes them as JSON to CS_OUT and quits.
-- Works with Neovim 0.7 (Debian 12) and newer.
local bin = os.getenv("CS_BIN")
local file = os.getenv("CS_FILE")
local out = os.getenv("CS_OUT")

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local config = {
  name = "cloudsentinel",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
}
if vim.lsp.start then
  vim.lsp.start(config, { bufnr = buf })
else
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, id)
end

local ok = vim.wait(30000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
-- Let a burst of notifications settle.
vim.wait(300)

local result = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(result, {
    lnum = d.lnum,
    col = d.col,
    end_lnum = d.end_lnum,
    end_col = d.end_col,
    severity = d.severity,
    source = d.source,
    code = code,
    message = d.message,
  })
end
table.sort(result, function(a, b)
  if a.lnum ~= b.lnum then
    return a.lnum < b.lnum
  end
  return tostring(a.code) < tostring(b.code)
end)

local f = assert(io.open(out, "w"))
f:write(vim.fn.json_encode({ ok = ok, diagnostics = result }))
f:close()
for _, client in pairs(vim.lsp.get_active_clients()) do
  client.stop()
end
vim.wait(500, function()
  return #vim.lsp.get_active_clients() == 0
end, 20)
vim.cmd("qa!")
