/// Deterministic synthetic Vais programs of a requested size, for benchmarks.
///
/// A generated program is valid tier-1 Vais (see `docs/LANGUAGE.md`) that
/// builds, runs in well under a second, prints two lines and exits 0. It is
/// laid out as a real program would be:
///
/// - a header: constants, globals, a `Vec2` struct with methods in an `X`
///   block, a `World` struct holding an enum with payloads, and helpers;
/// - `hotFunctions` `#[hot]` functions that advance the `World` one frame,
///   named `hot_physics_0`, `hot_mode_1`, `hot_stats_2`, `hot_decay_3`,
///   `hot_physics_4`, ... (the kind cycles, the number counts);
/// - as many *units* as fit: each unit is a small module of its own (a
///   struct with methods, an enum with payloads and the functions that match
///   on it, array kernels, integer bit twiddling, ...) ending in a
///   `run_<unit>() -> i64` that exercises it and returns a checksum. Units
///   are drawn from four templates, which between them use every loop form,
///   `M` over integers, ranges and enums, `if`/`else` and `?:` as
///   expressions, `@` recursion, `i64`/`f64`/`u8`/`u32`/`i32` arithmetic and
///   casts, arrays (literal, repeated, in structs, through pointers),
///   globals and constants, and both keyword spellings;
/// - small `tune_<n>` helpers that pad the program to the exact line count;
/// - `main`, which runs the hot functions for a few frames, calls the `run_`
///   function of an evenly spaced sample of at most 48 units, and prints a
///   checksum.
///
/// Every loop is bounded by a small constant, recursion is shallow, and no
/// construct nests deeper than a few levels, so the compile time grows
/// linearly with the size and the run time stays bounded whatever the size.
/// The text depends only on the arguments: the same arguments give the same
/// program on every platform.
public enum SyntheticProgram {
    /// A program of exactly `lines` lines (newline characters), or of
    /// `minimumLines(hotFunctions:)` lines if `lines` is smaller than that.
    ///
    /// - Parameters:
    ///   - lines: the number of lines wanted.
    ///   - hotFunctions: how many `#[hot]` functions the program has
    ///     (negative counts as 0).
    ///   - seed: chooses the templates, names and constants; any value.
    public static func source(lines: Int, hotFunctions: Int = 4, seed: UInt64 = 1) -> String {
        var generator = Generator(seed: seed, hotFunctions: max(0, hotFunctions))
        return generator.program(lines: lines)
    }

    /// The size of the smallest program `source` makes for `hotFunctions`
    /// (header, hot functions and `main`, no units): about 50 lines plus 13
    /// per hot function. It does not depend on the seed.
    public static func minimumLines(hotFunctions: Int = 4) -> Int {
        var generator = Generator(seed: 0, hotFunctions: max(0, hotFunctions))
        return generator.fixedLines(unitCount: 0)
    }
}

// MARK: - Generation

private struct Generator {
    static let maxSampledUnits = 48
    static let nouns = ["Ship", "Cell", "Order", "Sensor", "Drone", "Tile", "Packet", "Voxel",
                        "Agent", "Crate", "Probe", "Rover", "Node", "Spark", "Unit", "Beacon"]

    var rng: SplitMix64
    let hotFunctions: Int
    /// The name of each hot function, fixed by the seed.
    let hotNames: [(kind: Int, name: String)]

    init(seed: UInt64, hotFunctions: Int) {
        rng = SplitMix64(seed: seed)
        self.hotFunctions = hotFunctions
        let kinds = ["physics", "mode", "stats", "decay"]
        hotNames = (0..<hotFunctions).map { (kind: $0 % 4, name: "hot_\(kinds[$0 % 4])_\($0)") }
    }

    mutating func program(lines target: Int) -> String {
        let header = self.header()
        var hot: [String] = []
        for (index, entry) in hotNames.enumerated() { hot += hotFunction(kind: entry.kind, name: entry.name, index: index) }
        var units: [String] = []
        var unitCount = 0
        let fixed = header.count + hot.count
        while true {
            let unit = self.unit(unitCount)
            if fixed + units.count + unit.count + mainLines(unitCount: unitCount + 1) > target { break }
            units += unit
            unitCount += 1
        }
        let padding = max(0, target - fixed - units.count - mainLines(unitCount: unitCount))
        let main = self.main(unitCount: unitCount)
        var all = header + hot + units + tuning(lines: padding)
        all += main
        return all.joined(separator: "\n") + "\n"
    }

    /// Lines of a program with `unitCount` units and no padding, minus the units.
    mutating func fixedLines(unitCount: Int) -> Int {
        var count = header().count + mainLines(unitCount: unitCount)
        for (index, entry) in hotNames.enumerated() { count += hotFunction(kind: entry.kind, name: entry.name, index: index).count }
        return count
    }

    static func sample(unitCount: Int) -> [Int] {
        let count = min(unitCount, maxSampledUnits)
        return (0..<count).map { $0 * unitCount / count }
    }

    func mainLines(unitCount: Int) -> Int {
        main(unitCount: unitCount).count
    }

    // MARK: Header and main

    func header() -> [String] {
        lines("""
        # A synthetic Vais program made by VaisWorkloads.SyntheticProgram for
        # benchmarking the compiler. It is generated: do not edit it by hand.

        C FRAMES: i64 = 32
        C DT: f64 = 0.016
        C SLOTS: i64 = 8
        C MODULUS: i64 = 1_000_000_007
        G checksum: i64 = 0
        G calls: i64 = 0

        S Vec2 { x: f64, y: f64 }

        X Vec2 {
            F add(self, o: Vec2) -> Vec2 = Vec2 { x: self.x + o.x, y: self.y + o.y }
            F scale(self, k: f64) -> Vec2 = Vec2 { x: self.x * k, y: self.y * k }
            F dot(self, o: Vec2) -> f64 = self.x * o.x + self.y * o.y
        }

        E Mode { Idle, Running(i64), Paused(i64, f64), Done }

        S World {
            tick: i64,
            energy: f64,
            pos: Vec2,
            vel: Vec2,
            slots: [i64; 8],
            mode: Mode
        }

        F clamp(v: f64, lo: f64, hi: f64) -> f64 = v < lo ? lo : (v > hi ? hi : v)

        # Folds a value into the running checksum and passes it through.
        F note(v: i64) -> i64 {
            calls += 1
            checksum = (checksum * 31 + v % MODULUS) % MODULUS
            v
        }

        F mix_base(x: i64) -> i64 = (x * 17 + 5) % 257

        """)
    }

    func main(unitCount: Int) -> [String] {
        var body = lines("""
        F main() -> i64 {
            w := mut World { tick: 0, energy: 1.0, pos: Vec2 { x: 0.0, y: 10.0 }, vel: Vec2 { x: 1.0, y: 0.0 }, slots: [0; 8], mode: Mode.Idle }
            hot := mut 0
            L frame: 0..FRAMES {
        """)
        for entry in hotNames { body.append("        hot += \(entry.name)(&w, DT)") }
        body += lines("""
                I frame % 8 == 7 { hot = note(hot) % 1000 }
            }
            note(hot + w.tick)
        """)
        for unit in Self.sample(unitCount: unitCount) { body.append("    note(run_\(unit)())") }
        body += lines("""
            printf("synthetic: %ld units, %ld hot functions, %ld frames\\n", \(unitCount), \(hotFunctions), w.tick)
            printf("checksum %ld after %ld calls\\n", checksum, calls)
            0
        }
        """)
        return body
    }

    // MARK: Hot functions

    mutating func hotFunction(kind: Int, name: String, index: Int) -> [String] {
        let gravity = rng.quarter(20...48)
        let damping = rng.pick(["0.5", "0.6", "0.75", "0.8"])
        switch kind {
        case 0:
            return lines("""
            # Moves the world's body one frame under gravity, bouncing on the floor.
            #[hot]
            F \(name)(w: *World, dt: f64) -> i64 {
                fall := Vec2 { x: 0.0, y: -\(gravity) }
                w.vel = w.vel.add(fall.scale(dt))
                w.pos = w.pos.add(w.vel.scale(dt))
                I w.pos.y < 0.0 {
                    w.pos.y = -w.pos.y
                    w.vel.y = -w.vel.y * \(damping)
                }
                w.tick += 1
                w.slots[w.tick % SLOTS] = (w.pos.y * 100.0) as i64
                w.tick
            }

            """)
        case 1:
            let limit = rng.int(6...14)
            return lines("""
            # Steps the world's mode machine.
            #[hot]
            F \(name)(w: *World, dt: f64) -> i64 {
                w.energy = clamp(w.energy + dt * 3.0 - 0.01, 0.0, 5.0)
                w.mode = M w.mode {
                    Idle => Mode.Running(0),
                    Running(n) => I n > \(limit) { Mode.Paused(n, w.energy) } E { Mode.Running(n + 1) },
                    Paused(n, e) => e > 1.0 ? Mode.Running(n / 2) : Mode.Paused(n, e + dt),
                    Done => Mode.Done
                }
                M w.mode { Running(n) => n, Paused(n, _) => -n, _ => 0 }
            }

            """)
        case 2:
            let offset = rng.int(1...9)
            return lines("""
            # Summarizes the world's slots.
            #[hot]
            F \(name)(w: *World, dt: f64) -> i64 {
                total := mut 0
                top := mut 0
                L v: w.slots {
                    total += v
                    I v > top { top = v }
                }
                w.energy = clamp(w.energy + dt * 0.5, 0.0, 5.0)
                total / SLOTS + top + \(offset)
            }

            """)
        default:
            let keep = rng.int(5...7)
            return lines("""
            # Lets the slots and the velocity decay.
            #[hot]
            F \(name)(w: *World, dt: f64) -> i64 {
                L i: 0..SLOTS {
                    w.slots[i] = w.slots[i] * \(keep) / 8
                }
                w.vel = w.vel.scale(1.0 - dt * \(damping))
                (w.vel.dot(w.vel) * 10.0) as i64
            }

            """)
        }
    }

    // MARK: Units

    /// Unit `k`: one of four templates, each ending with `run_k() -> i64`
    /// and defining `mix_k(x: i64) -> i64`, which unit `k + 1` calls.
    mutating func unit(_ k: Int) -> [String] {
        let noun = rng.pick(Self.nouns) + "\(k)"
        let previousMix = k == 0 ? "mix_base" : "mix_\(k - 1)"
        let mix = "F mix_\(k)(x: i64) -> i64 = (x * \(rng.int(3...97)) + \(rng.int(1...50))) % \(rng.pick([257, 509, 1021, 2039]))"
        switch rng.int(0...3) {
        case 0: return entityUnit(k, noun: noun, mix: mix, previousMix: previousMix)
        case 1: return kernelUnit(k, mix: mix, previousMix: previousMix)
        case 2: return shapeUnit(k, mix: mix, previousMix: previousMix)
        default: return bitsUnit(k, mix: mix, previousMix: previousMix)
        }
    }

    /// A struct with methods, and an enum of commands with payloads applied to it.
    mutating func entityUnit(_ k: Int, noun: String, mix: String, previousMix: String) -> [String] {
        let maxHP = rng.int(50...200)
        let rounds = rng.int(2...5)
        var commands: [String] = []
        for _ in 0..<rng.int(4...8) {
            switch rng.int(0...4) {
            case 0: commands.append("Cmd\(k).Move(\(rng.quarter(-8...8)), \(rng.quarter(-8...8)))")
            case 1: commands.append("Cmd\(k).Hit(\(rng.int(1...30)))")
            case 2: commands.append("Cmd\(k).Heal(\(rng.int(1...20)))")
            case 3: commands.append("Cmd\(k).Tag(\(rng.int(0...99)))")
            default: commands.append("Cmd\(k).Idle")
            }
        }
        return lines("""
        # ---- unit \(k): \(noun), driven by commands
        C MAX_HP_\(k): i64 = \(maxHP)
        G spawned_\(k): i64 = 0

        S \(noun) { pos: Vec2, vel: Vec2, hp: i64, tag: i64, alive: bool }

        E Cmd\(k) { Move(f64, f64), Hit(i64), Heal(i64), Tag(i64), Idle }

        X \(noun) {
            F fresh(tag: i64) -> \(noun) {
                spawned_\(k) += 1
                \(noun) { pos: Vec2 { x: 0.0, y: 0.0 }, vel: Vec2 { x: \(rng.quarter(-4...4)), y: \(rng.quarter(-4...4)) }, hp: MAX_HP_\(k), tag: tag, alive: true }
            }
            F speed2(&self) -> f64 = self.vel.dot(self.vel)
            F advance(&mut self, dt: f64) {
                I !self.alive { R }
                self.pos = self.pos.add(self.vel.scale(dt))
                self.vel = Vec2 { x: clamp(self.vel.x, -8.0, 8.0), y: clamp(self.vel.y, -8.0, 8.0) }
            }
        }

        F apply_\(k)(e: *\(noun), c: Cmd\(k)) -> i64 {
            M c {
                Move(dx, dy) => {
                    e.vel.x += dx
                    e.vel.y += dy
                    0
                },
                Hit(n) => {
                    e.hp -= n
                    I e.hp <= 0 {
                        e.hp = 0
                        e.alive = false
                    }
                    1
                },
                Heal(n) => {
                    e.hp = I e.hp + n > MAX_HP_\(k) { MAX_HP_\(k) } E { e.hp + n }
                    2
                },
                Cmd\(k).Tag(t) => {
                    e.tag = t
                    3
                },
                Idle => 4
            }
        }

        \(mix)

        F run_\(k)() -> i64 {
            e := mut \(noun).fresh(\(k))
            cmds := [\(commands.joined(separator: ", "))]
            acc := mut 0
            L round: 0..\(rounds) {
                L c: cmds {
                    acc += apply_\(k)(&e, c)
                    e.advance(DT * 4.0)
                }
            }
            alive := e.alive ? 1 : 0
            acc * 3 + e.hp + e.tag + alive + (e.speed2() * 10.0) as i64 + \(previousMix)(acc)
        }

        """)
    }

    /// Integer arrays through pointers, every loop form, `M` over ranges.
    mutating func kernelUnit(_ k: Int, mix: String, previousMix: String) -> [String] {
        let size = rng.pick([8, 12, 16, 24, 32])
        let stride = rng.int(3...13)
        let modulus = rng.pick([17, 31, 61, 97])
        let start = rng.int(7...97)
        let low = rng.int(4...12)
        let high = low + rng.int(3...15)
        return lines("""
        # ---- unit \(k): an array kernel
        C SIZE_\(k): i64 = \(size)
        G hits_\(k): i64 = 0

        F fill_\(k)(a: *[i64; \(size)], k: i64) {
            L i: 0..SIZE_\(k) { a[i] = (i * k + \(stride)) % \(modulus) }
        }

        F classify_\(k)(v: i64) -> i64 = M v {
            0 => 1,
            1..=\(low) => 2,
            \(low + 1)..\(high) => 3,
            \(high) | \(high + 1) => 4,
            _ => 5
        }

        F scan_\(k)(a: *[i64; \(size)]) -> i64 {
            sum := mut 0
            i := mut 0
            L i < SIZE_\(k) {
                I a[i] % 3 == 0 {
                    i += 1
                    C
                }
                sum += classify_\(k)(a[i])
                i += 1
            }
            sum
        }

        F steps_\(k)(start: i64) -> i64 {
            n := mut start
            steps := mut 0
            L {
                I n == 1 || steps >= 200 { B }
                n = n % 2 == 0 ? n / 2 : 3 * n + 1
                steps += 1
            }
            steps
        }

        F mean_\(k)(a: *[i64; \(size)]) -> f64 {
            total := mut 0.0
            L v: a { total += v as f64 }
            total / SIZE_\(k) as f64
        }

        F prefix_\(k)(a: *[i64; \(size)]) -> i64 {
            L i: 1..=SIZE_\(k) - 1 { a[i] = (a[i] + a[i - 1]) % \(modulus * 100) }
            a[SIZE_\(k) - 1]
        }

        \(mix)

        F run_\(k)() -> i64 {
            data := mut [0; \(size)]
            fill_\(k)(&data, \(rng.int(2...9)))
            s := scan_\(k)(&data)
            hits_\(k) += s
            m := mean_\(k)(&data)
            p := prefix_\(k)(&data)
            s + steps_\(k)(\(start)) + (m * 100.0) as i64 + (((p << 2) ^ 0x5a) & 0xfff) + \(previousMix)(s)
        }

        """)
    }

    /// An enum with `f64` payloads, a struct holding an array of structs, `@`.
    mutating func shapeUnit(_ k: Int, mix: String, previousMix: String) -> [String] {
        var shapes: [String] = []
        for _ in 0..<rng.int(4...7) {
            switch rng.int(0...3) {
            case 0: shapes.append("Shape\(k).Circle(\(rng.quarter(1...12)))")
            case 1: shapes.append("Shape\(k).Rect(\(rng.quarter(1...16)), \(rng.quarter(1...16)))")
            case 2: shapes.append("Shape\(k).Tri(\(rng.quarter(4...16)), \(rng.quarter(4...16)), \(rng.quarter(8...24)))")
            default: shapes.append("Shape\(k).Empty")
            }
        }
        let passes = rng.int(1...4)
        return lines("""
        # ---- unit \(k): shapes sorted into a histogram
        E Shape\(k) { Circle(f64), Rect(f64, f64), Tri(f64, f64, f64), Empty }
        S Bin\(k) { count: i64, area: f64 }
        S Hist\(k) { bins: [Bin\(k); 4], total: f64, misses: i64 }

        F area_\(k)(s: Shape\(k)) -> f64 = M s {
            Circle(r) => 3.14159 * r * r,
            Rect(w, h) => w * h,
            Shape\(k).Tri(a, b, _) => a * b / 2.0,
            Empty => 0.0
        }

        F bucket_\(k)(a: f64) -> i64 {
            I a < 1.0 { 0 } E I a < 4.0 { 1 } E I a < 9.0 { 2 } E { 3 }
        }

        X Hist\(k) {
            F add(&mut self, s: Shape\(k)) {
                a := area_\(k)(s)
                I a == 0.0 {
                    self.misses += 1
                    R
                }
                b := bucket_\(k)(a)
                self.bins[b].count += 1
                self.bins[b].area += a
                self.total += a
            }
            F busiest(&self) -> i64 {
                best := mut 0
                L i: 1..4 {
                    I self.bins[i].count > self.bins[best].count { best = i }
                }
                best
            }
        }

        F gcd_\(k)(a: i64, b: i64) -> i64 = b == 0 ? a : @(b, a % b)

        \(mix)

        F run_\(k)() -> i64 {
            empty := Bin\(k) { count: 0, area: 0.0 }
            h := mut Hist\(k) { bins: [empty; 4], total: 0.0, misses: 0 }
            shapes := [\(shapes.joined(separator: ", "))]
            L pass: 0..=\(passes) {
                L s: shapes { h.add(s) }
            }
            g := gcd_\(k)((h.total * 10.0) as i64, \(rng.pick([24, 36, 60, 90, 120])))
            h.busiest() * 100 + h.misses + g + \(previousMix)(g)
        }

        """)
    }

    /// Narrow integer types, casts and bit operations, in the long spelling.
    mutating func bitsUnit(_ k: Int, mix: String, previousMix: String) -> [String] {
        let seed = rng.int(10...99_999)
        let width = rng.pick([8, 12, 16])
        return lines("""
        # ---- unit \(k): hashing bytes (long keyword spelling)
        const MASK_\(k): i64 = 0xff
        const WIDTH_\(k): i64 = \(width)

        fn fill_\(k)(buf: *[u8; \(width)], seed: i64) {
            LF i: 0..=WIDTH_\(k) - 1 {
                buf[i] = ((seed * (i + 1) >> (i % 8)) & MASK_\(k)) as u8
            }
        }

        fn fnv_\(k)(data: *[u8; \(width)], n: i64) -> u32 {
            h: u32 := mut 2166136261
            i := mut 0
            LW i < n {
                h = (h ^ data[i] as u32) * 16777619
                i += 1
            }
            h
        }

        fn popcount_\(k)(v: u32) -> i64 {
            n := mut 0
            x := mut v
            loop {
                if x == 0 { break }
                n += (x & 1) as i64
                x = x >> 1
            }
            n
        }

        \(mix)

        fn run_\(k)() -> i64 {
            buf: [u8; \(width)] := mut [0; \(width)]
            fill_\(k)(&buf, \(seed))
            h := fnv_\(k)(&buf, WIDTH_\(k))
            small: i32 := (h % 1000) as i32
            wide := small as i64 * 3 - (h >> 20) as i64
            bits := popcount_\(k)(h)
            total := mut wide + bits
            total += match bits % 4 {
                0 => 1,
                1 | 2 => -2,
                _ => bits
            }
            if total < 0 { total = -total } else { total += 1 }
            total + \(previousMix)(bits)
        }

        """)
    }

    // MARK: Padding

    /// Exactly `count` lines of small pure helpers.
    func tuning(lines count: Int) -> [String] {
        var out: [String] = []
        var left = count
        var index = 0
        // header + init + body + result + close + blank: 5 lines around the body.
        while left >= 6 {
            let body = min(left - 5, 12)
            // Do not leave 1...5 lines that a multi-line helper cannot take.
            let statements = (left - 5 - body > 0 && left - 5 - body < 6) ? max(1, body - 6) : body
            out.append("F tune_\(index)(x: i64) -> i64 {")
            out.append("    v := mut x")
            for s in 0..<statements {
                out.append("    v = (v * \(3 + (index + s) % 7) + \(s + 1)) % 10007")
            }
            out.append("    v")
            out.append("}")
            out.append("")
            left -= statements + 5
            index += 1
        }
        for _ in 0..<left {
            out.append("F tune_\(index)(x: i64) -> i64 = x * \(index % 5 + 2) + 1")
            index += 1
        }
        return out
    }

    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
