// CommonJS: each package through require(), the same script on node and
// nano-boa (examples/interop/check.sh compares the two outputs).
const _ = require("lodash");
const ms = require("ms");
const semver = require("semver");
const qs = require("qs");
const dayjs = require("dayjs");
const cookie = require("cookie");
const yaml = require("js-yaml");
const Ajv = require("ajv");
const { z } = require("zod");
const { v5: uuidv5, validate: uuidValidate, NIL } = require("uuid");
const dateFns = require("date-fns");

const out = (name, value) => console.log(`${name}: ${JSON.stringify(value)}`);
out("lodash", [_.chunk([1, 2, 3, 4, 5], 2), _.camelCase("Foo Bar-baz"), _.groupBy([6.1, 4.2, 6.3], Math.floor), _.debounce.name]);
out("ms", [ms("2 days"), ms(60000), ms("1.5h"), ms(1500, { long: true })]);
out("semver", [semver.satisfies("1.2.3", "^1.0.0"), semver.inc("1.2.3", "minor"), semver.sort(["1.10.0", "1.2.0", "1.9.9"]), semver.valid("v2.0.0-rc.1")]);
out("qs", [qs.parse("a[b][c]=d&e=1&e=2"), qs.stringify({ a: { b: [1, 2] } }, { encode: false })]);
out("dayjs", [dayjs("2024-02-29T12:00:00Z").add(1, "year").toISOString(), dayjs("2024-01-31").isBefore("2024-02-01")]);
out("cookie", [cookie.parse("a=1; b=two%20words"), cookie.serialize("id", "x y", { httpOnly: true, maxAge: 60 })]);
out("js-yaml", [yaml.load("a: 1\nb:\n  - x\n  - y\n"), yaml.dump({ k: [1, { n: null }] })]);
const ajv = new Ajv();
const validate = ajv.compile({ type: "object", properties: { n: { type: "integer", minimum: 1 } }, required: ["n"] });
out("ajv", [validate({ n: 2 }), validate({ n: 0 }), validate.errors.map((e) => e.message)]);
const User = z.object({ name: z.string().min(1), age: z.number().int().positive() });
out("zod", [User.parse({ name: "ann", age: 3 }), User.safeParse({ name: "", age: -1 }).error.issues.map((i) => i.path.join("."))]);
out("uuid", [uuidv5("hello", uuidv5.URL), uuidValidate(NIL), uuidValidate("nope")]);
out("date-fns", [dateFns.differenceInCalendarDays(new Date(2024, 2, 1), new Date(2024, 1, 1)), dateFns.isLeapYear(new Date(2024, 0, 1)), dateFns.formatISO(new Date(2020, 0, 2), { representation: "date" })]);
