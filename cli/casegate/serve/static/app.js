// casegate serve: the case form, generated from the case schema, with the live verdict.
// Plain JavaScript, no build step and no library: it runs offline on LGWAN PCs as it is.
// The server decides everything; this page only edits a JSON object, sends it, and places
// the answers (schema problems and policy findings) at the fields their JSON pointers name.
"use strict";

(function () {
  const TEXT = {
    ja: {
      heading: "casegate 案件入力",
      skip: "入力欄へ移動",
      cases: "案件の一覧",
      none: "このフォルダに案件ファイルはありません。",
      newLabel: "新しい案件のファイル名",
      newButton: "新しい案件",
      save: "保存",
      download: "JSON をダウンロード",
      noCase: "一覧から案件を開くか、新しい案件を作ってください。",
      checking: "確認中…",
      pass: "合格",
      fail: "不合格",
      error: "不合格（入力の誤り）",
      engine: "判定できません（判定エンジンの失敗）",
      counts: (c) => `違反 ${c.violations} 件・警告 ${c.warnings} 件・入力の誤り ${c.problems} 件`,
      required: "必須",
      unanswered: "（未回答）",
      unset: "（未選択）",
      yes: "はい",
      no: "いいえ",
      add: "追加",
      remove: "削除",
      item: (title, n) => `${title} ${n}件目`,
      include: (title) => `「${title}」を書く`,
      dropConfirm: (title) => `「${title}」に書いた内容を消します。よろしいですか。`,
      checklistCols: ["番号", "対策の内容", "回答", "「－」の理由"],
      answerOf: (id) => `${id} の回答`,
      reasonOf: (id) => `${id} の「－」の理由`,
      notAllowed: "－（この項目では不可）",
      naWhen: (when) => `「－」にできるのは：${when}`,
      mustO: "この項目は「－」にできません。",
      saved: (name) => `${name} に保存しました。`,
      conflictTitle: "ファイルがディスク上で変更されています",
      overwrite: "この画面の内容で上書きする",
      cancel: "やめる（保存しない）",
      unsaved: "保存していない変更があります。",
      wareki: "和暦",
      netError: "サーバに接続できません。casegate serve が動いているか確かめてください。",
      atField: "この欄へ",
      provisional: "［参考：入力の誤りを直すと判定されます］",
    },
    en: {
      heading: "casegate case form",
      skip: "Skip to the form",
      cases: "Cases",
      none: "No case files in this folder.",
      newLabel: "File name of a new case",
      newButton: "New case",
      save: "Save",
      download: "Download JSON",
      noCase: "Open a case from the list, or start a new one.",
      checking: "Checking…",
      pass: "PASS (合格)",
      fail: "FAIL (不合格)",
      error: "FAIL: invalid input (不合格)",
      engine: "No verdict: the policy engine failed",
      counts: (c) => `${c.violations} violation(s), ${c.warnings} warning(s), ${c.problems} input problem(s)`,
      required: "required",
      unanswered: "(unanswered)",
      unset: "(not chosen)",
      yes: "yes",
      no: "no",
      add: "Add",
      remove: "Remove",
      item: (title, n) => `${title} #${n}`,
      include: (title) => `Fill in "${title}"`,
      dropConfirm: (title) => `Delete what you wrote in "${title}"?`,
      checklistCols: ["Item", "Measure", "Answer", "Reason for 「－」"],
      answerOf: (id) => `Answer to ${id}`,
      reasonOf: (id) => `Reason for 「－」 on ${id}`,
      notAllowed: "－ (not allowed for this item)",
      naWhen: (when) => `「－」 is allowed only ${when}`,
      mustO: "This item cannot be answered 「－」.",
      saved: (name) => `Saved to ${name}.`,
      conflictTitle: "The file changed on disk",
      overwrite: "Overwrite with this page's content",
      cancel: "Cancel (do not save)",
      unsaved: "There are unsaved changes.",
      wareki: "Japanese era",
      netError: "Cannot reach the server. Check that casegate serve is running.",
      atField: "Go to the field",
      provisional: "[preview: judged once the input problems are fixed] ",
    },
  };

  const token = document.querySelector('meta[name="casegate-token"]').content;
  const initial = document.querySelector('meta[name="casegate-initial"]').content;
  const $ = (id) => document.getElementById(id);
  const form = $("case-form");
  const state = {
    schema: null, na: {}, lang: "ja", doc: null, name: null, sha: null,
    edits: 0, judgedEdit: -1, timer: null, text: null, dirty: false, last: null,
  };
  let L = TEXT.ja;

  // --- the server -------------------------------------------------------------------------------

  async function api(path, body) {
    const options = { headers: { "X-Casegate-Token": token }, cache: "no-store" };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      return { status: 0, body: { error: { ja: TEXT.ja.netError, en: TEXT.en.netError } } };
    }
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    return { status: response.status, body: data };
  }

  function say(message, kind) {
    const notice = $("notice");
    notice.textContent = message || "";
    notice.className = "notice" + (kind ? " " + kind : "");
  }

  function errorText(body) {
    const error = body && body.error;
    return error ? error[state.lang] || error.ja : "";
  }

  // --- JSON pointers and the document ---------------------------------------------------------

  const escapePart = (part) => String(part).replace(/~/g, "~0").replace(/\//g, "~1");
  const pointer = (parts) => (parts.length ? "/" + parts.map(escapePart).join("/") : "");
  const fieldId = (parts) => "f" + pointer(parts).replace(/[^A-Za-z0-9_-]/g, (c) => "_" + c.charCodeAt(0).toString(16) + "_");

  function getAt(parts) {
    let value = state.doc;
    for (const part of parts) {
      if (value === null || typeof value !== "object" || !(part in value)) return undefined;
      value = value[part];
    }
    return value;
  }

  function setAt(parts, value) {
    let target = state.doc;
    for (let i = 0; i < parts.length - 1; i++) {
      if (target[parts[i]] === undefined || target[parts[i]] === null || typeof target[parts[i]] !== "object") {
        target[parts[i]] = typeof parts[i + 1] === "number" ? [] : {};
      }
      target = target[parts[i]];
    }
    const last = parts[parts.length - 1];
    if (value === undefined) {
      if (Array.isArray(target)) target.splice(last, 1);
      else delete target[last];
    } else {
      target[last] = value;
    }
  }

  function resolve(node) {
    if (!node || typeof node !== "object") return {};
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
      let target = state.schema;
      for (const part of node.$ref.slice(2).split("/")) target = (target || {})[part];
      const merged = Object.assign({}, resolve(target));
      for (const [key, value] of Object.entries(node)) if (key !== "$ref") merged[key] = value;
      return merged;
    }
    return node;
  }

  function skeleton(node) {
    node = resolve(node);
    if ("const" in node) return node.const;
    if (node.type === "array") return [];
    if (node.type === "object") {
      const result = {};
      for (const key of node.required || []) {
        const child = skeleton((node.properties || {})[key]);
        if (child !== undefined) result[key] = child;
      }
      return result;
    }
    return undefined;
  }

  function changed(structural) {
    state.edits += 1;
    state.dirty = true;
    if (structural) renderForm();
    showPending();
    clearTimeout(state.timer);
    state.timer = setTimeout(judge, 350);
  }

  // --- 和暦 ---------------------------------------------------------------------------------------

  const ERAS = [["令和", "2019-05-01"], ["平成", "1989-01-08"], ["昭和", "1926-12-25"], ["大正", "1912-07-30"], ["明治", "1868-01-25"]];

  function wareki(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return "";
    for (const [name, start] of ERAS) {
      if (iso >= start) {
        const year = Number(m[1]) - Number(start.slice(0, 4)) + 1;
        return `${name}${year === 1 ? "元" : year}年${Number(m[2])}月${Number(m[3])}日`;
      }
    }
    return "";
  }

  // --- the form, generated from the schema -------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function labelText(node, key) {
    return node.title || String(key);
  }

  function requiredMark(required) {
    return required ? el("span", { className: "required", text: `（${L.required}）` }) : null;
  }

  function help(node, id) {
    return node.description ? el("p", { className: "help", id: id + "-help", text: node.description }) : null;
  }

  function messages(parts) {
    return el("div", { className: "msgs", "data-msgs": pointer(parts), "aria-live": "off" });
  }

  function renderForm() {
    const focused = document.activeElement && document.activeElement.id;
    form.replaceChildren();
    if (!state.doc) {
      form.append(el("p", { className: "empty", text: L.noCase }));
      return;
    }
    form.append(renderObject(state.schema, [], true, true));
    if (state.last) placeFindings(state.last);
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  function isChecklist(node) {
    const props = Object.values(node.properties || {});
    return node.type === "object" && props.length > 0 && props.every((p) => p.$ref === "#/$defs/answer");
  }

  function render(nodeIn, parts, required) {
    const node = resolve(nodeIn);
    const key = parts[parts.length - 1];
    if (isChecklist(node)) return renderChecklist(node, parts, required);
    if (node.type === "object") return renderObject(node, parts, required, false);
    if (node.type === "array") return renderArray(node, parts, required);
    return renderLeaf(node, parts, required, labelText(node, key));
  }

  function renderObject(node, parts, required, root) {
    const id = fieldId(parts);
    const value = getAt(parts);
    const title = labelText(node, parts[parts.length - 1] || "");
    const box = el(root ? "div" : "fieldset", { className: root ? "root" : "group", "data-pointer": pointer(parts), id: root ? null : id });
    if (!root) {
      box.append(el("legend", {}, title, requiredMark(required)));
      const h = help(node, id);
      if (h) box.append(h);
    }
    box.append(messages(parts));
    if (!root && !required) {
      const toggleId = id + "-include";
      const toggle = el("input", { type: "checkbox", id: toggleId, checked: value !== undefined });
      toggle.addEventListener("change", () => {
        if (toggle.checked) {
          setAt(parts, skeleton(node));
        } else {
          if (JSON.stringify(getAt(parts)) !== JSON.stringify(skeleton(node)) && !window.confirm(L.dropConfirm(title))) {
            toggle.checked = true;
            return;
          }
          setAt(parts, undefined);
        }
        changed(true);
      });
      box.append(el("div", { className: "include" }, toggle, el("label", { for: toggleId, text: L.include(title) })));
      if (value === undefined) return box;
    }
    const requiredKeys = node.required || [];
    for (const [childKey, childNode] of Object.entries(node.properties || {})) {
      if (root && childKey === "$schema") {
        box.append(renderLeaf(resolve(childNode), ["$schema"], false, labelText(childNode, childKey), true));
        continue;
      }
      box.append(render(childNode, parts.concat([childKey]), requiredKeys.includes(childKey)));
    }
    return box;
  }

  function renderArray(node, parts, required) {
    const id = fieldId(parts);
    const items = resolve(node.items || {});
    const title = labelText(node, parts[parts.length - 1]);
    const box = el("fieldset", { className: "group array", "data-pointer": pointer(parts), id });
    box.append(el("legend", {}, title, requiredMark(required)));
    const h = help(node, id);
    if (h) box.append(h);
    box.append(messages(parts));
    const value = Array.isArray(getAt(parts)) ? getAt(parts) : [];
    if (Array.isArray(items.enum) && node.uniqueItems) {
      for (const option of items.enum) {
        const optionId = id + "-" + items.enum.indexOf(option);
        const box2 = el("input", { type: "checkbox", id: optionId, checked: value.includes(option) });
        box2.addEventListener("change", () => {
          const now = (Array.isArray(getAt(parts)) ? getAt(parts) : []).filter((v) => v !== option);
          if (box2.checked) now.push(option);
          setAt(parts, items.enum.filter((v) => now.includes(v)));
          changed(false);
        });
        box.append(el("div", { className: "choice" }, box2, el("label", { for: optionId, text: String(option) })));
      }
      return box;
    }
    value.forEach((_, index) => {
      const itemParts = parts.concat([index]);
      const itemTitle = L.item(labelText(items, title), index + 1);
      const entry = el("div", { className: "array-item", "data-pointer": pointer(itemParts) });
      const child = items.type === "object" || items.type === "array"
        ? render(Object.assign({}, items, { title: itemTitle }), itemParts, true)
        : renderLeaf(items, itemParts, true, itemTitle);
      const removeButton = el("button", { type: "button", className: "remove", text: `${L.remove}：${itemTitle}` });
      removeButton.addEventListener("click", () => {
        getAt(parts).splice(index, 1);
        changed(true);
      });
      entry.append(child, removeButton);
      box.append(entry);
    });
    const addButton = el("button", { type: "button", className: "add", id: id + "-add", text: `${L.add}：${labelText(items, title)}` });
    addButton.addEventListener("click", () => {
      const list = Array.isArray(getAt(parts)) ? getAt(parts) : [];
      const fresh = skeleton(items);
      list.push(fresh === undefined ? (items.type === "string" ? "" : null) : fresh);
      setAt(parts, list);
      changed(true);
      const added = document.getElementById(fieldId(parts.concat([list.length - 1])));
      if (added) (added.matches("input,select,textarea") ? added : added.querySelector("input,select,textarea") || added).focus();
    });
    if (node.maxItems === undefined || value.length < node.maxItems) box.append(addButton);
    return box;
  }

  // A value that may take one of several simple forms (e.g. a number of days or "不明"): one text
  // field, typed by what is written, with the constant forms offered as suggestions.
  function alternatives(node) {
    const alts = (node.anyOf || node.oneOf || []).map(resolve);
    if (!alts.length || node.type || node.properties) return null;
    if (alts.some((a) => a.type === "object" || a.type === "array")) return null;
    return {
      types: alts.map((a) => a.type).filter(Boolean),
      consts: alts.filter((a) => "const" in a).map((a) => a.const),
      title: (alts.find((a) => a.title) || {}).title,
      description: (alts.find((a) => a.description) || {}).description,
    };
  }

  function renderLeaf(node, parts, required, title, readOnly) {
    const forms = alternatives(node);
    if (forms) {
      node = Object.assign({}, node, { title: node.title || forms.title, description: node.description || forms.description });
      if (title === parts[parts.length - 1] && node.title) title = node.title;
      return renderFreeLeaf(node, parts, required, title, forms);
    }
    const id = fieldId(parts);
    const value = getAt(parts);
    const wrap = el("div", { className: "field", "data-pointer": pointer(parts) });
    const helpNode = help(node, id);
    const label = el("label", { for: id }, title, requiredMark(required));
    let input;
    const describedBy = helpNode ? id + "-help" : null;
    if ("const" in node || readOnly) {
      input = el("input", { id, type: "text", value: value === undefined ? "" : String(value), readonly: true, "aria-describedby": describedBy });
    } else if (Array.isArray(node.enum) || node.type === "boolean") {
      input = el("select", { id, "aria-describedby": describedBy, "aria-required": required ? "true" : null });
      const options = node.type === "boolean"
        ? [["", L.unanswered], ["true", L.yes], ["false", L.no]]
        : [["", L.unset]].concat(node.enum.map((v) => [JSON.stringify(v), v === true ? L.yes : v === false ? L.no : String(v)]));
      for (const [optionValue, optionText] of options) input.append(el("option", { value: optionValue, text: optionText }));
      input.value = value === undefined ? "" : JSON.stringify(value);
      if (input.value === "" && value !== undefined) {
        // A value the schema does not list (written by hand): shown, so it is not lost unseen.
        input.append(el("option", { value: JSON.stringify(value), text: String(value) }));
        input.value = JSON.stringify(value);
      }
      input.addEventListener("change", () => {
        setAt(parts, input.value === "" ? undefined : JSON.parse(input.value));
        changed(false);
      });
    } else if (node.type === "integer" || node.type === "number") {
      input = el("input", { id, type: "text", inputmode: "numeric", value: value === undefined ? "" : String(value), "aria-describedby": describedBy, "aria-required": required ? "true" : null });
      input.addEventListener("input", () => {
        const text = input.value.trim();
        let parsed = text;
        if (text === "") parsed = undefined;
        else if (/^-?\d{1,15}$/.test(text)) parsed = Number(text);
        else if (node.type === "number" && /^-?\d+(\.\d+)?$/.test(text)) parsed = Number(text);
        setAt(parts, parsed);
        changed(false);
      });
    } else if (node.format === "date") {
      input = el("input", { id, type: "date", value: typeof value === "string" ? value : "", "aria-describedby": [describedBy, id + "-wareki"].filter(Boolean).join(" "), "aria-required": required ? "true" : null });
      const era = el("span", { className: "wareki", id: id + "-wareki", text: wareki(value) ? `${L.wareki}：${wareki(value)}` : "" });
      input.addEventListener("input", () => {
        setAt(parts, input.value === "" ? undefined : input.value);
        era.textContent = wareki(input.value) ? `${L.wareki}：${wareki(input.value)}` : "";
        changed(false);
      });
      wrap.append(label, input, era);
      if (helpNode) wrap.append(helpNode);
      wrap.append(messages(parts));
      return wrap;
    } else {
      const long = (node.maxLength || 0) > 400;
      input = el(long ? "textarea" : "input", { id, type: long ? null : "text", rows: long ? 4 : null, "aria-describedby": describedBy, "aria-required": required ? "true" : null });
      input.value = value === undefined || value === null ? "" : String(value);
      input.addEventListener("input", () => {
        const inArray = typeof parts[parts.length - 1] === "number";
        setAt(parts, input.value === "" && !inArray ? undefined : input.value);
        changed(false);
      });
    }
    wrap.append(label, input);
    if (helpNode) wrap.append(helpNode);
    wrap.append(messages(parts));
    return wrap;
  }

  function renderFreeLeaf(node, parts, required, title, forms) {
    const id = fieldId(parts);
    const value = getAt(parts);
    const wrap = el("div", { className: "field", "data-pointer": pointer(parts) });
    const helpNode = help(node, id);
    const listId = id + "-choices";
    const input = el("input", { id, type: "text", list: forms.consts.length ? listId : null, value: value === undefined ? "" : String(value), "aria-describedby": helpNode ? id + "-help" : null, "aria-required": required ? "true" : null });
    const numeric = forms.types.includes("integer") || forms.types.includes("number");
    input.addEventListener("input", () => {
      const text = input.value.trim();
      let parsed = input.value;
      if (text === "") parsed = undefined;
      else if (forms.consts.map(String).includes(text)) parsed = forms.consts[forms.consts.map(String).indexOf(text)];
      else if (numeric && /^-?\d{1,15}$/.test(text)) parsed = Number(text);
      setAt(parts, parsed);
      changed(false);
    });
    wrap.append(el("label", { for: id }, title, requiredMark(required)), input);
    if (forms.consts.length) {
      const list = el("datalist", { id: listId });
      for (const c of forms.consts) list.append(el("option", { value: String(c) }));
      wrap.append(list);
    }
    if (helpNode) wrap.append(helpNode);
    wrap.append(messages(parts));
    return wrap;
  }

  function renderChecklist(node, parts, required) {
    const id = fieldId(parts);
    const title = labelText(node, parts[parts.length - 1]);
    const box = el("fieldset", { className: "group checklist", "data-pointer": pointer(parts), id });
    box.append(el("legend", {}, title, requiredMark(required)));
    const h = help(node, id);
    if (h) box.append(h);
    box.append(messages(parts));
    const table = el("table", { className: "checklist-table" });
    table.append(el("caption", { text: title }));
    const head = el("tr");
    for (const column of L.checklistCols) head.append(el("th", { scope: "col", text: column }));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    for (const [itemId, itemNode] of Object.entries(node.properties || {})) {
      body.append(checklistRow(itemId, resolve(itemNode), parts.concat([itemId])));
    }
    table.append(body);
    box.append(table);
    return box;
  }

  function checklistRow(itemId, node, parts) {
    const answer = getAt(parts.concat(["answer"]));
    const reason = getAt(parts.concat(["reason"]));
    const allowed = state.na[itemId];
    const answerId = fieldId(parts.concat(["answer"]));
    const reasonId = fieldId(parts.concat(["reason"]));
    const text = (node.description || "").split("\n\n")[0];
    const row = el("tr", { "data-pointer": pointer(parts), id: fieldId(parts) });
    row.append(el("th", { scope: "row", text: itemId }));
    const note = allowed ? L.naWhen(allowed[state.lang] || allowed.ja) : L.mustO;
    row.append(el("td", { className: "item-text" }, el("span", { text }), el("p", { className: "help", id: answerId + "-help", text: note }), messages(parts)));
    const select = el("select", { id: answerId, "aria-describedby": answerId + "-help" });
    select.append(el("option", { value: "", text: L.unanswered }), el("option", { value: "○", text: "○" }));
    if (allowed) select.append(el("option", { value: "－", text: "－" }));
    else if (answer === "－") select.append(el("option", { value: "－", text: L.notAllowed }));
    if (answer !== undefined && !["○", "－"].includes(answer)) select.append(el("option", { value: String(answer), text: String(answer) }));
    select.value = answer === undefined ? "" : String(answer);
    select.addEventListener("change", () => {
      if (select.value === "") {
        setAt(parts, undefined);
      } else {
        const entry = Object.assign({}, getAt(parts) || {}, { answer: select.value });
        if (select.value !== "－") delete entry.reason;
        setAt(parts, entry);
      }
      changed(true);
    });
    row.append(el("td", { "data-pointer": pointer(parts.concat(["answer"])) }, el("label", { for: answerId, className: "visually-hidden", text: L.answerOf(itemId) }), select, messages(parts.concat(["answer"]))));
    const reasonCell = el("td", { "data-pointer": pointer(parts.concat(["reason"])) });
    if (answer === "－" || reason !== undefined) {
      const input = el("input", { type: "text", id: reasonId, "aria-required": "true" });
      input.value = reason === undefined ? "" : String(reason);
      input.addEventListener("input", () => {
        setAt(parts.concat(["reason"]), input.value === "" ? undefined : input.value);
        changed(false);
      });
      reasonCell.append(el("label", { for: reasonId, className: "visually-hidden", text: L.reasonOf(itemId) }), input, messages(parts.concat(["reason"])));
    }
    row.append(reasonCell);
    return row;
  }

  // --- the verdict ------------------------------------------------------------------------------------

  function showPending() {
    const banner = $("banner");
    banner.className = "banner pending";
    banner.textContent = L.checking;
  }

  async function judge() {
    if (!state.doc) return;
    const edit = state.edits;
    const { status, body } = await api("/api/check", { case: state.doc });
    if (edit !== state.edits) return; // the page changed meanwhile: this verdict is not for it
    if (status !== 200) {
      showVerdict({ verdict: "error", counts: { violations: 0, warnings: 0, problems: 1 }, findings: [] });
      say(errorText(body), "bad");
      return;
    }
    state.judgedEdit = edit;
    state.text = body.text;
    showVerdict(body);
  }

  function placeFor(path) {
    let at = path;
    for (;;) {
      const found = form.querySelector(`[data-msgs="${CSS.escape(at)}"]`);
      if (found) return found;
      if (at === "") return form.querySelector('[data-msgs=""]');
      at = at.slice(0, at.lastIndexOf("/"));
    }
  }

  function showVerdict(result) {
    const banner = $("banner");
    const engine = result.findings.some((f) => f.kind === "engine");
    const kind = engine ? "engine" : result.verdict;
    banner.className = "banner " + (kind === "pass" ? "pass" : "fail");
    banner.replaceChildren(el("strong", { text: L[kind] || L.fail }), el("span", { className: "counts", text: L.counts(result.counts) }));
    state.last = result;
    placeFindings(result);
  }

  // The findings of the last verdict at their fields; also after the form is rebuilt (an item
  // added or removed), so the messages stay in view while the new verdict is on its way.
  function placeFindings(result) {
    for (const box of form.querySelectorAll(".msgs")) box.replaceChildren();
    for (const bad of form.querySelectorAll("[aria-invalid]")) bad.removeAttribute("aria-invalid");
    const summary = $("summary");
    summary.replaceChildren();
    const list = el("ul", { className: "findings" });
    for (const finding of result.findings) {
      const message = finding[`message_${state.lang}`] || finding.message_ja;
      const tag = finding.kind === "warning" ? "warning" : "violation";
      const label = (finding.provisional ? L.provisional : "") + finding.rule_id + (finding.checklist_ids.length ? `（${finding.checklist_ids.join("、")}）` : "");
      const place = placeFor(finding.pointer);
      if (place) {
        place.append(el("p", { className: "msg " + tag + (finding.provisional ? " provisional" : ""), "data-rule": finding.rule_id }, el("span", { className: "rule", text: label }), " ", message));
        const owner = place.closest("[data-pointer]");
        const control = owner && owner.querySelector("input,select,textarea");
        if (control && tag === "violation") control.setAttribute("aria-invalid", "true");
      }
      const go = el("button", { type: "button", className: "link", text: L.atField });
      go.addEventListener("click", () => {
        const owner = place && place.closest("[data-pointer]");
        const control = owner && owner.querySelector("input,select,textarea,button");
        if (owner) owner.scrollIntoView({ block: "center" });
        if (control) control.focus();
      });
      list.append(el("li", { className: tag }, el("span", { className: "rule", text: label }), " ", message, " ", go));
    }
    if (result.findings.length) summary.append(list);
  }

  // --- cases: list, open, new, save, download ------------------------------------------------------

  async function refreshList() {
    const { body } = await api("/api/cases");
    const list = $("case-list");
    list.replaceChildren();
    for (const name of body.cases || []) {
      const button = el("button", { type: "button", className: "case-link", text: name, "aria-current": name === state.name ? "true" : null });
      button.addEventListener("click", () => openCase(name));
      list.append(el("li", {}, button));
    }
    if (!(body.cases || []).length) list.append(el("li", { text: L.none }));
  }

  function leaveOk() {
    return !state.dirty || window.confirm(L.unsaved);
  }

  async function openCase(name) {
    if (!leaveOk()) return;
    const { status, body } = await api("/api/case?name=" + encodeURIComponent(name));
    if (status !== 200) {
      say(errorText(body), "bad");
      return;
    }
    load(body);
  }

  function load(body) {
    state.last = null;
    state.doc = body.case;
    state.name = body.name;
    state.sha = body.sha256;
    state.dirty = false;
    state.edits += 1;
    $("current-name").textContent = body.name;
    $("save").disabled = false;
    $("download").disabled = false;
    say("");
    // The token stays in the address (a reload needs it); no-referrer keeps it from other sites.
    history.replaceState(null, "", "/?token=" + encodeURIComponent(token) + "&case=" + encodeURIComponent(body.name));
    renderForm();
    refreshList();
    showPending();
    judge();
  }

  async function save(base) {
    if (!state.doc) return;
    const { status, body } = await api("/api/save", { name: state.name, case: state.doc, base_sha256: base });
    if (status === 409 && body.conflict) {
      const dialog = $("conflict");
      $("conflict-text").textContent = errorText(body);
      $("conflict-diff").textContent = body.diff;
      $("overwrite").onclick = () => { dialog.close(); save(body.disk_sha256); };
      dialog.showModal();
      return;
    }
    if (status !== 200) {
      say(errorText(body), "bad");
      return;
    }
    state.sha = body.sha256;
    state.dirty = false;
    say(L.saved(body.name), "good");
    refreshList();
    if (state.judgedEdit === state.edits) showVerdict(body);
  }

  async function download() {
    const { status, body } = await api("/api/check", { case: state.doc });
    if (status !== 200) {
      say(errorText(body), "bad");
      return;
    }
    const blob = new Blob([body.text], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: (state.name || "case.json").split("/").pop() });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // --- start ------------------------------------------------------------------------------------------

  async function start() {
    const { status, body } = await api("/api/meta");
    if (status !== 200) {
      say(errorText(body) || TEXT.ja.netError, "bad");
      return;
    }
    state.schema = body.schema;
    state.na = body.not_applicable;
    state.lang = body.lang === "en" ? "en" : "ja";
    L = TEXT[state.lang];
    document.documentElement.lang = state.lang;
    document.title = L.heading;
    $("heading").textContent = L.heading;
    $("skip-link").textContent = L.skip;
    $("cases-heading").textContent = L.cases;
    $("cases-nav").setAttribute("aria-label", L.cases);
    $("new-label").textContent = L.newLabel;
    $("new-button").textContent = L.newButton;
    $("save").textContent = L.save;
    $("download").textContent = L.download;
    $("conflict-title").textContent = L.conflictTitle;
    $("overwrite").textContent = L.overwrite;
    $("cancel").textContent = L.cancel;
    $("cancel").addEventListener("click", () => $("conflict").close());
    $("save").addEventListener("click", () => save(state.sha));
    $("download").addEventListener("click", download);
    $("new-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!leaveOk()) return;
      let name = $("new-name").value.trim();
      if (name && !name.endsWith(".json")) name += ".json";
      const { status: s, body: b } = await api("/api/new?name=" + encodeURIComponent(name));
      if (s !== 200) {
        say(errorText(b), "bad");
        return;
      }
      load(b);
      state.dirty = true;
    });
    window.addEventListener("beforeunload", (event) => {
      if (state.dirty) event.preventDefault();
    });
    const wanted = new URLSearchParams(location.search).get("case") || initial;
    renderForm();
    await refreshList();
    if (wanted) await openCase(wanted);
    else $("banner").textContent = "";
  }

  start();
})();
