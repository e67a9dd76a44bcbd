#!/usr/bin/env node
// Checks Adaptive Cards against what Teams renders (card version 1.5).
//
// Usage: node validate-cards.mjs [--max-bytes N] <card.json | directory>...
//        node validate-cards.mjs [--max-bytes N] < cards.json      (a JSON array of cards on stdin)
// Prints one JSON report on stdout: {"cards":[{"name","valid","bytes","errors":[...]}],"invalid":N}.
// Exit code: 0 all valid, 1 some card invalid, 2 bad usage or unreadable input.
//
// Two checks run on every card:
// 1. A strict structural check written here from the Adaptive Card 1.5 schema (required properties, property
//    types, enum values, unknown properties) plus Teams' chart elements, which are valid only with a core fallback.
// 2. The official parser (npm "adaptivecards" 3.0.6), targeting 1.5, with charts replaced by their fallback;
//    every parse or validation event it raises (unknown types, bad enum values, duplicate ids, required inputs
//    without a label or error message, unsupported version) counts as an error.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";

// The package's lib/ is extensionless ESM that Node cannot resolve; its UMD bundle loads fine.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");

const MAX_VERSION = [1, 5];

const en = (...values) => ({ kind: "enum", values: values.map((v) => v.toLowerCase()), shown: values });
const STR = { kind: "string" };
const BOOL = { kind: "boolean" };
const NUM = { kind: "number" };
const ANY = { kind: "any" };
const OBJ = { kind: "object" };
const ELEMENTS = { kind: "elements" };
const ACTIONS = { kind: "actions" };
const ACTION = { kind: "action" };
const SIZE = { kind: "stringOrNumber" };

const SPACING = en("None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding");
const H_ALIGN = en("Left", "Center", "Right");
const V_ALIGN = en("Top", "Center", "Bottom");
const CONTAINER_STYLE = en("Default", "Emphasis", "Good", "Attention", "Warning", "Accent");
const TEXT_PROPS = {
  size: en("Default", "Small", "Medium", "Large", "ExtraLarge"),
  weight: en("Default", "Lighter", "Bolder"),
  color: en("Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"),
  isSubtle: BOOL,
  fontType: en("Default", "Monospace"),
};

const ELEMENT_COMMON = {
  type: STR,
  id: STR,
  isVisible: BOOL,
  separator: BOOL,
  spacing: SPACING,
  height: en("auto", "stretch"),
  requires: OBJ,
  lang: STR,
  fallback: { kind: "elementFallback" },
};
const CONTAINER_LIKE = {
  style: CONTAINER_STYLE,
  bleed: BOOL,
  minHeight: STR,
  selectAction: ACTION,
  verticalContentAlignment: V_ALIGN,
  backgroundImage: ANY,
  rtl: BOOL,
};
const INPUT_COMMON = { id: STR, label: STR, isRequired: BOOL, errorMessage: STR };
const CHART_COMMON = {
  title: STR,
  colorSet: en("categorical", "sequential", "diverging"),
  horizontalAlignment: H_ALIGN,
  fallback: { kind: "chartFallback" },
};
const BAR_POINT = { kind: "objects", spec: { required: ["x", "y"], props: { x: SIZE, y: NUM, color: STR } } };
const SLICE = { kind: "objects", spec: { required: ["legend", "value"], props: { legend: STR, value: NUM, color: STR } } };

// required: property names that must be present; props: every property allowed besides ELEMENT_COMMON.
const ELEMENT_SPECS = {
  TextBlock: {
    required: ["text"],
    props: { text: STR, ...TEXT_PROPS, wrap: BOOL, maxLines: NUM, horizontalAlignment: H_ALIGN, style: en("default", "heading") },
  },
  RichTextBlock: { required: ["inlines"], props: { inlines: { kind: "inlines" }, horizontalAlignment: H_ALIGN } },
  FactSet: {
    required: ["facts"],
    props: { facts: { kind: "objects", spec: { required: ["title", "value"], props: { title: STR, value: STR } } } },
  },
  ColumnSet: {
    required: [],
    props: {
      columns: { kind: "objects", spec: "Column" },
      ...CONTAINER_LIKE,
      horizontalAlignment: H_ALIGN,
    },
  },
  Container: { required: ["items"], props: { items: ELEMENTS, ...CONTAINER_LIKE } },
  Table: {
    required: [],
    props: {
      columns: {
        kind: "objects",
        spec: {
          required: [],
          props: { type: { kind: "const", value: "TableColumnDefinition" }, width: SIZE, horizontalCellContentAlignment: H_ALIGN, verticalCellContentAlignment: V_ALIGN },
        },
      },
      rows: { kind: "objects", spec: "TableRow" },
      firstRowAsHeader: BOOL,
      showGridLines: BOOL,
      gridStyle: CONTAINER_STYLE,
      horizontalCellContentAlignment: H_ALIGN,
      verticalCellContentAlignment: V_ALIGN,
    },
  },
  Image: {
    required: ["url"],
    props: {
      url: STR,
      altText: STR,
      size: en("Auto", "Stretch", "Small", "Medium", "Large"),
      style: en("Default", "Person"),
      horizontalAlignment: H_ALIGN,
      width: STR,
      height: STR,
      backgroundColor: STR,
      selectAction: ACTION,
    },
  },
  ImageSet: {
    required: ["images"],
    props: { images: ELEMENTS, imageSize: en("Auto", "Stretch", "Small", "Medium", "Large") },
  },
  ActionSet: { required: ["actions"], props: { actions: ACTIONS, horizontalAlignment: H_ALIGN } },
  "Input.Text": {
    required: ["id"],
    props: {
      ...INPUT_COMMON,
      placeholder: STR,
      isMultiline: BOOL,
      maxLength: NUM,
      regex: STR,
      value: STR,
      style: en("text", "tel", "url", "email", "password"),
      inlineAction: ACTION,
    },
  },
  "Input.Number": { required: ["id"], props: { ...INPUT_COMMON, placeholder: STR, min: NUM, max: NUM, value: NUM } },
  "Input.Date": {
    required: ["id"],
    props: { ...INPUT_COMMON, placeholder: STR, min: { kind: "date" }, max: { kind: "date" }, value: { kind: "date" } },
  },
  "Input.Time": { required: ["id"], props: { ...INPUT_COMMON, placeholder: STR, min: STR, max: STR, value: STR } },
  "Input.Toggle": {
    required: ["id", "title"],
    props: { ...INPUT_COMMON, title: STR, value: STR, valueOn: STR, valueOff: STR, wrap: BOOL },
  },
  "Input.ChoiceSet": {
    required: ["id"],
    props: {
      ...INPUT_COMMON,
      choices: { kind: "objects", spec: { required: ["title", "value"], props: { title: STR, value: STR } } },
      style: en("compact", "expanded", "filtered"),
      isMultiSelect: BOOL,
      value: STR,
      placeholder: STR,
      wrap: BOOL,
    },
  },
  "Chart.VerticalBar": {
    chart: true,
    required: ["data", "fallback"],
    props: { ...CHART_COMMON, data: BAR_POINT, color: STR, xAxisTitle: STR, yAxisTitle: STR, showBarValues: BOOL },
  },
  "Chart.HorizontalBar": {
    chart: true,
    required: ["data", "fallback"],
    props: {
      ...CHART_COMMON,
      data: BAR_POINT,
      color: STR,
      xAxisTitle: STR,
      yAxisTitle: STR,
      displayMode: en("AbsoluteWithAxis", "AbsoluteNoAxis", "PartToWhole"),
    },
  },
  "Chart.Donut": { chart: true, required: ["data", "fallback"], props: { ...CHART_COMMON, data: SLICE } },
  "Chart.Pie": { chart: true, required: ["data", "fallback"], props: { ...CHART_COMMON, data: SLICE } },
};

const NESTED_SPECS = {
  Column: {
    required: [],
    props: {
      type: { kind: "const", value: "Column" },
      id: STR,
      isVisible: BOOL,
      separator: BOOL,
      spacing: SPACING,
      requires: OBJ,
      fallback: ANY,
      items: ELEMENTS,
      width: SIZE,
      ...CONTAINER_LIKE,
    },
  },
  TableRow: {
    required: ["cells"],
    props: {
      type: { kind: "const", value: "TableRow" },
      cells: { kind: "objects", spec: "TableCell" },
      style: CONTAINER_STYLE,
      horizontalCellContentAlignment: H_ALIGN,
      verticalCellContentAlignment: V_ALIGN,
    },
  },
  TableCell: { required: ["items"], props: { type: { kind: "const", value: "TableCell" }, items: ELEMENTS, ...CONTAINER_LIKE } },
  TextRun: {
    required: ["text"],
    props: {
      type: { kind: "const", value: "TextRun" },
      text: STR,
      ...TEXT_PROPS,
      italic: BOOL,
      strikethrough: BOOL,
      highlight: BOOL,
      underline: BOOL,
      selectAction: ACTION,
    },
  },
};

const ACTION_COMMON = {
  type: STR,
  id: STR,
  title: STR,
  iconUrl: STR,
  style: en("default", "positive", "destructive"),
  tooltip: STR,
  isEnabled: BOOL,
  mode: en("primary", "secondary"),
  requires: OBJ,
  fallback: { kind: "actionFallback" },
};
const ASSOCIATED_INPUTS = en("auto", "none");
const ACTION_SPECS = {
  "Action.Execute": { required: [], props: { verb: STR, data: ANY, associatedInputs: ASSOCIATED_INPUTS } },
  "Action.Submit": { required: [], props: { data: ANY, associatedInputs: ASSOCIATED_INPUTS } },
  "Action.OpenUrl": { required: ["url"], props: { url: { kind: "url" } } },
  "Action.ShowCard": { required: ["card"], props: { card: { kind: "card" } } },
  "Action.ToggleVisibility": { required: ["targetElements"], props: { targetElements: { kind: "array" } } },
};

const CARD_PROPS = {
  type: { kind: "const", value: "AdaptiveCard" },
  $schema: STR,
  version: STR,
  body: ELEMENTS,
  actions: ACTIONS,
  refresh: { kind: "refresh" },
  msteams: { kind: "msteams" },
  fallbackText: STR,
  speak: STR,
  lang: STR,
  minHeight: STR,
  verticalContentAlignment: V_ALIGN,
  selectAction: ACTION,
  backgroundImage: ANY,
  rtl: BOOL,
  authentication: OBJ,
  metadata: OBJ,
};

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function checkStructure(card) {
  const errors = [];
  const err = (path, message) => errors.push(`${path}: ${message}`);

  const checkValue = (path, value, rule) => {
    switch (rule.kind) {
      case "any":
        return;
      case "string":
        if (typeof value !== "string") err(path, `must be a string, not ${JSON.stringify(value)}`);
        return;
      case "boolean":
        if (typeof value !== "boolean") err(path, `must be true or false, not ${JSON.stringify(value)}`);
        return;
      case "number":
        if (typeof value !== "number") err(path, `must be a number, not ${JSON.stringify(value)}`);
        return;
      case "stringOrNumber":
        if (typeof value !== "string" && typeof value !== "number") err(path, "must be a string or a number");
        return;
      case "object":
        if (!isObject(value)) err(path, "must be an object");
        return;
      case "array":
        if (!Array.isArray(value)) err(path, "must be an array");
        return;
      case "const":
        if (value !== rule.value) err(path, `must be "${rule.value}", not ${JSON.stringify(value)}`);
        return;
      case "enum":
        if (typeof value !== "string" || !rule.values.includes(value.toLowerCase())) {
          err(path, `${JSON.stringify(value)} is not one of ${rule.shown.join(", ")}`);
        }
        return;
      case "date":
        if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) err(path, "must be a date yyyy-MM-dd");
        return;
      case "url":
        if (typeof value !== "string" || !URL.canParse(value)) err(path, `${JSON.stringify(value)} is not an absolute URL`);
        return;
      case "elements":
        if (!Array.isArray(value)) return err(path, "must be an array of elements");
        value.forEach((item, i) => checkElement(`${path}[${i}]`, item));
        return;
      case "actions":
        if (!Array.isArray(value)) return err(path, "must be an array of actions");
        value.forEach((item, i) => checkAction(`${path}[${i}]`, item));
        return;
      case "action":
        return checkAction(path, value);
      case "card":
        return checkCard(path, value, false);
      case "inlines":
        if (!Array.isArray(value)) return err(path, "must be an array of TextRun or strings");
        value.forEach((item, i) => {
          if (typeof item !== "string") checkObject(`${path}[${i}]`, item, NESTED_SPECS.TextRun);
        });
        return;
      case "objects": {
        if (!Array.isArray(value)) return err(path, "must be an array");
        const spec = typeof rule.spec === "string" ? NESTED_SPECS[rule.spec] : rule.spec;
        value.forEach((item, i) => checkObject(`${path}[${i}]`, item, spec));
        return;
      }
      case "elementFallback":
        if (value !== "drop") checkElement(path, value);
        return;
      case "actionFallback":
        if (value !== "drop") checkAction(path, value);
        return;
      case "chartFallback":
        // The chart's whole point in other hosts: it must say the same thing with core elements.
        if (!isObject(value)) return err(path, "a chart needs a fallback element (not \"drop\") so other hosts show text");
        if (ELEMENT_SPECS[value.type]?.chart) return err(path, "a chart's fallback must be a core element, not another chart");
        return checkElement(path, value);
      case "refresh":
        if (!isObject(value)) return err(path, "must be an object");
        checkObject(path, value, { required: ["action"], props: { action: ACTION, userIds: { kind: "array" }, expires: STR } });
        if (isObject(value.action) && value.action.type !== "Action.Execute") err(`${path}.action`, "must be an Action.Execute");
        if (Array.isArray(value.userIds)) {
          if (value.userIds.length > 60) err(`${path}.userIds`, `has ${value.userIds.length} ids; Teams allows at most 60`);
          if (value.userIds.some((id) => typeof id !== "string")) err(`${path}.userIds`, "must hold strings");
        }
        return;
      case "msteams":
        if (!isObject(value)) return err(path, "must be an object");
        checkObject(path, value, { required: [], props: { width: en("Full"), entities: { kind: "array" } } });
        return;
      default:
        throw new Error(`unknown rule ${rule.kind}`);
    }
  };

  const checkObject = (path, value, spec, common = {}) => {
    if (!isObject(value)) return err(path, "must be an object");
    const props = { ...common, ...spec.props };
    for (const name of spec.required) {
      if (value[name] === undefined || value[name] === null) err(path, `missing required property "${name}"`);
    }
    for (const [name, v] of Object.entries(value)) {
      const rule = props[name];
      if (!rule) err(`${path}.${name}`, "is not a property of this type");
      else if (v !== null) checkValue(`${path}.${name}`, v, rule);
    }
  };

  const checkElement = (path, value) => {
    if (!isObject(value)) return err(path, "must be an element object");
    const spec = ELEMENT_SPECS[value.type];
    if (!spec) return err(path, `unknown element type ${JSON.stringify(value.type)}`);
    checkObject(`${path}<${value.type}>`, value, spec, ELEMENT_COMMON);
  };

  const checkAction = (path, value) => {
    if (!isObject(value)) return err(path, "must be an action object");
    const spec = ACTION_SPECS[value.type];
    if (!spec) return err(path, `unknown action type ${JSON.stringify(value.type)}`);
    checkObject(`${path}<${value.type}>`, value, spec, ACTION_COMMON);
  };

  const checkCard = (path, value, root) => {
    if (!isObject(value)) return err(path, "must be a card object");
    checkObject(path, value, { required: root ? ["type", "version"] : ["type"], props: CARD_PROPS });
    if (typeof value.version === "string") {
      const m = /^(\d+)\.(\d+)$/.exec(value.version);
      if (!m) err(`${path}.version`, `${JSON.stringify(value.version)} is not a version like "1.5"`);
      else if (+m[1] > MAX_VERSION[0] || (+m[1] === MAX_VERSION[0] && +m[2] > MAX_VERSION[1])) {
        err(`${path}.version`, `${value.version} is above ${MAX_VERSION.join(".")}, the highest Teams renders`);
      }
    }
  };

  checkCard("card", card, true);
  return errors;
}

// Charts are unknown to the core parser; hand it the fallback each chart carries instead.
function withChartsReplaced(value) {
  if (Array.isArray(value)) return value.map(withChartsReplaced);
  if (!isObject(value)) return value;
  if (ELEMENT_SPECS[value.type]?.chart && isObject(value.fallback)) return withChartsReplaced(value.fallback);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "data" ? v : withChartsReplaced(v)]));
}

function checkWithOfficialParser(card) {
  const errors = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(withChartsReplaced(card), context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    errors.push(`adaptivecards parser: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  const results = parsed.validateProperties();
  for (const event of results.validationEvents) {
    if (event.event === AC.ValidationEvent.Hint) continue;
    errors.push(`adaptivecards validation: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return errors;
}

function validateCard(card) {
  const structural = checkStructure(card);
  // The parser's own messages add little once the structure is broken at the root.
  return isObject(card) ? [...structural, ...checkWithOfficialParser(card)] : structural;
}

function readInputs(args) {
  if (args.length === 0) {
    const cards = JSON.parse(readFileSync(0, "utf8"));
    if (!Array.isArray(cards)) throw new Error("stdin must hold a JSON array of cards");
    return cards.map((card, i) => ({ name: `stdin[${i}]`, text: JSON.stringify(card) }));
  }
  const files = args.flatMap((arg) =>
    statSync(arg).isDirectory()
      ? readdirSync(arg).filter((f) => f.endsWith(".json")).sort().map((f) => join(arg, f))
      : [arg],
  );
  return files.map((file) => ({ name: basename(file), text: readFileSync(file, "utf8") }));
}

function main(argv) {
  let maxBytes = Infinity;
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--max-bytes") maxBytes = Number(argv[++i]);
    else args.push(argv[i]);
  }
  if (!(maxBytes > 0)) throw new Error("--max-bytes needs a positive number");

  const cards = readInputs(args).map(({ name, text }) => {
    const bytes = Buffer.byteLength(text, "utf8");
    let errors;
    try {
      errors = validateCard(JSON.parse(text));
    } catch (e) {
      errors = [`not JSON: ${e.message}`];
    }
    if (bytes > maxBytes) errors.push(`${bytes} bytes is over the ${maxBytes}-byte limit`);
    return { name, valid: errors.length === 0, bytes, errors };
  });
  const invalid = cards.filter((c) => !c.valid).length;
  process.stdout.write(JSON.stringify({ cards, invalid }, null, 2) + "\n");
  return invalid === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`validate-cards: ${e.message}\n`);
  process.exitCode = 2;
}
