// ES modules: ESM-only packages and CommonJS ones through import, the same
// script on node and nano-boa (examples/interop/check.sh compares them).
import { customAlphabet, nanoid } from "nanoid";
import superjson from "superjson";
import { z } from "zod";
import { addDays, format } from "date-fns";
import lodash from "lodash";
import ms from "ms";
import semver from "semver";
import { v5 as uuidv5 } from "uuid";
import dayjs from "dayjs";
import yaml from "js-yaml";

const out = (name, value) => console.log(`${name}: ${JSON.stringify(value)}`);
out("nanoid", [nanoid().length, customAlphabet("ab", 8)().replace(/[ab]/g, "").length]);
const json = superjson.stringify({ when: new Date(0), set: new Set([1, 2]), big: 10n });
out("superjson", [json, superjson.parse(json).set instanceof Set]);
out("zod", z.array(z.number()).safeParse([1, "x"]).success);
out("date-fns", format(addDays(new Date(2024, 0, 30), 3), "yyyy-MM-dd"));
out("lodash", [lodash.uniq([1, 1, 2]), lodash.chunk([1, 2, 3], 2)]);
out("ms", ms("1m"));
out("semver", semver.gt("2.0.0", "1.9.9"));
out("uuid", uuidv5("nano-boa", uuidv5.DNS));
out("dayjs", dayjs("2000-01-01").format("YYYY/MM/DD"));
out("js-yaml", yaml.load("[1, {a: b}]"));
