#!/usr/bin/env node
// One peer engine on the same work as stackpick's evaluate_bench: every rule of a knowledge base
// evaluated on every answer set, each fired rule's points added to the set's per-stack totals.
//
//   node run_peer.js --engine NAME --data-dir DIR --answers FILE --sets M --mode eval
//                    [--repetitions R]
//     Evaluation only: the first M answer sets are parsed and resolved with the questions'
//     defaults before timing; prints one JSON object (seconds per repetition, checksum).
//   node run_peer.js --engine NAME --data-dir DIR --answers FILE --sets M --mode e2e
//     End to end: reads the file line by line, scores each of the first M sets, writes one line
//     of per-stack points per set to stdout; prints the checksum as JSON on stderr at the end.
//     Timed from outside, start-up and rule compilation included.
//
// NAME is json-logic-js, json-logic-engine (its compiled mode: LogicEngine.build) or
// json-rules-engine (each condition translated to all/any/not with fact/operator/value).
// The packages come from NODE_PATH (bench/run.py installs them into a temporary directory).
//
// Checksum (as evaluate_bench prints it): sum over sets i (from 1) of
// i * sum over stacks s (knowledge-base order, from 0) of points * (2s + 3).

'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');

function parseArguments(argv) {
  const options = { repetitions: 3 };
  for (let i = 2; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--engine') options.engine = value;
    else if (flag === '--data-dir') options.dataDir = value;
    else if (flag === '--answers') options.answers = value;
    else if (flag === '--sets') options.sets = Number(value);
    else if (flag === '--mode') options.mode = value;
    else if (flag === '--repetitions') options.repetitions = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  for (const required of ['engine', 'dataDir', 'answers', 'sets', 'mode']) {
    if (options[required] === undefined) throw new Error(`--${required} is required`);
  }
  return options;
}

function readJson(dataDir, name) {
  return JSON.parse(fs.readFileSync(path.join(dataDir, name), 'utf8'));
}

/// The knowledge base as the loop needs it: conditions, and points as [stack, points, ...].
function loadKnowledgeBase(dataDir) {
  const stacks = readJson(dataDir, 'knowledge_base.json').stacks.map((stack) => stack.id);
  const questions = readJson(dataDir, 'questions.json').questions.map((question) => ({
    key: question.id.replace(/-/g, '_'),
    defaultValue: question.default,
  }));
  const rules = readJson(dataDir, 'rules.json').rules.map((rule) => {
    const points = [];
    stacks.forEach((stack, index) => {
      const value = rule.points ? rule.points[stack] : undefined;
      if (value !== undefined && value !== 0) {
        if (!Number.isInteger(value)) throw new Error(`rule ${rule.id}: non-integer points`);
        points.push(index, value);
      }
    });
    return { id: rule.id, when: rule.when, points };
  });
  return { stacks, questions, rules };
}

/// Every question's answer: given, or the question's default (as stackpick resolves answers).
function resolve(questions, given) {
  const values = {};
  for (const question of questions) {
    values[question.key] = Object.prototype.hasOwnProperty.call(given, question.key)
      ? given[question.key]
      : question.defaultValue;
  }
  return values;
}

const RULES_ENGINE_OPERATORS = {
  '==': 'equal',
  '!=': 'notEqual',
  '<': 'lessThan',
  '<=': 'lessThanInclusive',
  '>': 'greaterThan',
  '>=': 'greaterThanInclusive',
  in: 'in',
};

/// A generated JSON Logic condition as json-rules-engine conditions (see
/// bench/generate_knowledge_base.py for the subset the generator writes).
function toRulesEngineCondition(logic) {
  const [operator] = Object.keys(logic);
  const argument = logic[operator];
  const list = Array.isArray(argument) ? argument : [argument];
  if (operator === 'var') return { fact: argument, operator: 'equal', value: true };
  if (operator === 'and') return { all: list.map(toRulesEngineCondition) };
  if (operator === 'or') return { any: list.map(toRulesEngineCondition) };
  if (operator === '!') return { not: toRulesEngineCondition(list[0]) };
  const translated = RULES_ENGINE_OPERATORS[operator];
  if (!translated || list.length !== 2 || !list[0] || list[0].var === undefined) {
    throw new Error(`json-rules-engine: cannot translate ${JSON.stringify(logic)}`);
  }
  return { fact: list[0].var, operator: translated, value: list[1] };
}

/// Returns score(values, totals, offset): adds the points of every rule that holds to
/// totals[offset + stack]. Synchronous for the JSON Logic engines, async for json-rules-engine.
function makeScorer(engineName, knowledgeBase) {
  const { rules } = knowledgeBase;
  if (engineName === 'json-logic-js') {
    const jsonLogic = require('json-logic-js');
    const conditions = rules.map((rule) => rule.when);
    const points = rules.map((rule) => rule.points);
    return (values, totals, offset) => {
      for (let r = 0; r < conditions.length; r++) {
        if (jsonLogic.apply(conditions[r], values)) {
          const p = points[r];
          for (let k = 0; k < p.length; k += 2) totals[offset + p[k]] += p[k + 1];
        }
      }
    };
  }
  if (engineName === 'json-logic-engine') {
    const { LogicEngine } = require('json-logic-engine');
    const engine = new LogicEngine();
    const compiled = rules.map((rule) => engine.build(rule.when));
    const points = rules.map((rule) => rule.points);
    return (values, totals, offset) => {
      for (let r = 0; r < compiled.length; r++) {
        if (compiled[r](values)) {
          const p = points[r];
          for (let k = 0; k < p.length; k += 2) totals[offset + p[k]] += p[k + 1];
        }
      }
    };
  }
  if (engineName === 'json-rules-engine') {
    const { Engine } = require('json-rules-engine');
    const engine = new Engine([], { allowUndefinedFacts: true });
    rules.forEach((rule, index) => {
      const condition = toRulesEngineCondition(rule.when);
      const conditions = condition.all || condition.any || condition.not ? condition
        : { all: [condition] };
      engine.addRule({ conditions, event: { type: 'fired', params: { index } } });
    });
    const points = rules.map((rule) => rule.points);
    const scorer = async (values, totals, offset) => {
      const { events } = await engine.run(values);
      for (const event of events) {
        const p = points[event.params.index];
        for (let k = 0; k < p.length; k += 2) totals[offset + p[k]] += p[k + 1];
      }
    };
    scorer.isAsync = true;
    return scorer;
  }
  throw new Error(`unknown engine ${engineName}`);
}

function checksum(totals, stackCount, sets) {
  let weighted = 0n;
  const perStack = new Array(stackCount).fill(0n);
  for (let i = 0; i < sets; i++) {
    let line = 0n;
    for (let s = 0; s < stackCount; s++) {
      const value = BigInt(totals[i * stackCount + s]);
      line += value * BigInt(2 * s + 3);
      perStack[s] += value;
    }
    weighted += BigInt(i + 1) * line;
  }
  return { sets, weighted: weighted.toString(), totals: perStack.map((value) => Number(value)) };
}

function readAnswerSets(file, count, questions) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const sets = [];
  for (let i = 0; i < lines.length && sets.length < count; i++) {
    if (lines[i].trim() === '') continue;
    sets.push(resolve(questions, JSON.parse(lines[i])));
  }
  if (sets.length < count) throw new Error(`${file} has only ${sets.length} answer sets`);
  return sets;
}

async function runEvaluationOnly(options, knowledgeBase) {
  const sets = readAnswerSets(options.answers, options.sets, knowledgeBase.questions);
  const score = makeScorer(options.engine, knowledgeBase);
  const stackCount = knowledgeBase.stacks.length;
  const totals = new Float64Array(sets.length * stackCount);
  const pass = score.isAsync
    ? async () => {
      totals.fill(0);
      for (let i = 0; i < sets.length; i++) await score(sets[i], totals, i * stackCount);
    }
    : async () => {
      totals.fill(0);
      for (let i = 0; i < sets.length; i++) score(sets[i], totals, i * stackCount);
    };

  await pass(); // warm-up (the JIT compiles the hot loop), as evaluate_bench does
  const reference = Float64Array.from(totals);
  const seconds = [];
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    const start = process.hrtime.bigint();
    await pass();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (!totals.every((value, index) => value === reference[index])) {
      throw new Error('a timed pass gave other totals');
    }
  }
  return {
    engine: options.engine,
    mode: 'evaluate',
    rules: knowledgeBase.rules.length,
    sets: sets.length,
    evaluations: knowledgeBase.rules.length * sets.length,
    seconds,
    checksum: checksum(totals, stackCount, sets.length),
  };
}

async function runEndToEnd(options, knowledgeBase) {
  const score = makeScorer(options.engine, knowledgeBase);
  const stackCount = knowledgeBase.stacks.length;
  const totals = new Float64Array(options.sets * stackCount);
  const input = readline.createInterface({
    input: fs.createReadStream(options.answers),
    crlfDelay: Infinity,
  });
  const output = [];
  let count = 0;
  for await (const line of input) {
    if (count === options.sets) break;
    if (line.trim() === '') continue;
    const offset = count * stackCount;
    await score(resolve(knowledgeBase.questions, JSON.parse(line)), totals, offset);
    output.push(JSON.stringify(Array.from(totals.subarray(offset, offset + stackCount))));
    count++;
    if (output.length === 4096) process.stdout.write(output.splice(0).join('\n') + '\n');
  }
  input.close();
  if (output.length) process.stdout.write(output.join('\n') + '\n');
  process.stderr.write(JSON.stringify(checksum(totals, stackCount, count)) + '\n');
}

async function main() {
  const options = parseArguments(process.argv);
  const knowledgeBase = loadKnowledgeBase(options.dataDir);
  if (options.mode === 'eval') {
    console.log(JSON.stringify(await runEvaluationOnly(options, knowledgeBase)));
  } else if (options.mode === 'e2e') {
    await runEndToEnd(options, knowledgeBase);
  } else {
    throw new Error(`unknown mode ${options.mode}`);
  }
}

main().catch((error) => {
  process.stderr.write(`run_peer: error: ${error.message}\n`);
  process.exit(1);
});
