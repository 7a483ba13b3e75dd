-- Neovim's own LSP client against `stmtlint server` (tests/integration/server.rs):
-- open the draft, wait for the finding, apply its quick fix, wait for it to go.
-- Written for Neovim 0.7 (Debian 12) and later. Reports to $STMTLINT_OUT.
local out = assert(io.open(os.getenv("STMTLINT_OUT"), "w"))
local function say(s) out:write(s .. "\n"); out:flush() end
local function fail(s) say("FAIL " .. s); out:close(); vim.cmd("cquit 1") end

local client_id = vim.lsp.start_client({
  name = "stmtlint",
  cmd = { os.getenv("STMTLINT"), "server", "--as-of", "2026-11-22" },
  root_dir = vim.fn.getcwd(),
})
if not client_id then fail("the server did not start") end
vim.lsp.buf_attach_client(0, client_id)

local function code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end
local function named(rule)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if code(d) == rule then table.insert(found, d) end
  end
  return found
end

if not vim.wait(20000, function() return #named("inconsistent-name") > 0 end, 50) then
  fail("no inconsistent-name finding")
end
local d = named("inconsistent-name")[1]
say(string.format("finding inconsistent-name %d:%d", d.lnum, d.col))

local lsp = d.user_data and d.user_data.lsp or nil
local range = lsp and lsp.range or {
  start = { line = d.lnum, character = d.col },
  ["end"] = { line = d.end_lnum, character = d.end_col },
}
local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", {
  textDocument = vim.lsp.util.make_text_document_params(),
  range = range,
  context = { diagnostics = { lsp } },
}, 10000)
local fix
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    if action.title:find("^write") then fix = action end
  end
end
if not fix then fail("no quick fix") end
vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")

if not vim.wait(20000, function() return #named("inconsistent-name") == 0 end, 50) then
  fail("the finding stayed after the fix")
end
say("after fix: 0 inconsistent-name")
vim.cmd("silent write")
out:close()
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qall!")
