// The two JSON writers (include/stackpick/util/json_writer.hpp): the text one must give, byte for
// byte, what nlohmann dumps for the document the other builds from the same calls.
#include <catch2/catch.hpp>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "stackpick/util/json_writer.hpp"

namespace {

using stackpick::detail::JsonBuilder;
using stackpick::detail::JsonTextWriter;
using stackpick::detail::member;
using stackpick::detail::write_object;

/// The same calls through both writers: the text one's output, and the built document's dump.
template <typename Write>
std::pair<std::string, std::string> both(const Write& write, int indent = -1) {
    std::string text;
    JsonTextWriter writer(text, indent);
    write(writer);
    JsonBuilder builder;
    write(builder);
    return {text, builder.take().dump(indent, ' ', false,
                                      nlohmann::ordered_json::error_handler_t::replace)};
}

}  // namespace

TEST_CASE("the text writer escapes every byte as nlohmann does, wherever it stands",
          "[json_writer]") {
    // Each byte value at each place of strings both shorter and longer than the writer's
    // short-piece buffer and its 8-byte steps.
    for (const std::size_t length : {1u, 7u, 8u, 9u, 16u, 63u, 64u, 65u, 80u}) {
        for (std::size_t at = 0; at < length; at += (length > 9 ? 7 : 1)) {
            for (int byte = 0; byte < 256; ++byte) {
                std::string text(length, 'a');
                text[at] = static_cast<char>(byte);
                const auto [written, dumped] = both([&](auto& writer) {
                    writer.begin_object();
                    writer.key(text);
                    writer.value(text);
                    writer.end_object();
                });
                INFO("length " << length << ", byte " << byte << " at " << at);
                REQUIRE(written == dumped);
            }
        }
    }
}

TEST_CASE("the text writer keeps valid UTF-8 and replaces the rest as nlohmann does",
          "[json_writer]") {
    // Every lead byte with every second byte, then with a valid or a cut third and fourth byte,
    // inside ASCII long enough to be checked 8 bytes at a time.
    for (int lead = 0x80; lead < 0x100; ++lead) {
        for (int second = 0; second < 0x100; ++second) {
            for (const std::string rest : {"", "\x80", "\xbf\xbf", "\x80\x80\x80", "a"}) {
                const std::string text = std::string("abcdefghij") + static_cast<char>(lead) +
                                         static_cast<char>(second) + rest + "klmnop";
                const auto [written, dumped] = both([&](auto& writer) {
                    writer.begin_array();
                    writer.value(text);
                    writer.value(text.substr(10));
                    writer.end_array();
                });
                INFO("lead " << lead << ", second " << second << ", rest size " << rest.size());
                REQUIRE(written == dumped);
            }
        }
    }
}

TEST_CASE("the text writer writes floats as nlohmann does", "[json_writer]") {
    for (const double number :
         {0.5, -0.0, 0.0, 1.0, 10.0, 0.1, 1e300, -1e-7, 123456.789, 1e15, 1e16, 2.5e-320,
          std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
        const auto [written, dumped] = both([&](auto& writer) {
            writer.begin_array();
            writer.value(number);
            writer.end_array();
        });
        CHECK(written == dumped);
    }
}

TEST_CASE("write_object writes members compact or indented, as nlohmann lays them out",
          "[json_writer]") {
    const std::vector<std::string> list{"a", "b"};
    const std::optional<std::string> absent;
    const std::optional<double> half = 0.5;
    const auto write = [&](auto& writer) {
        write_object(writer, member("text", std::string("x")), member("whole", 10.0),
                     member("half", half), member("absent", absent), member("list", list),
                     member("empty", std::vector<std::string>{}), member("flag", true),
                     member("nested", [&](auto& out) {
                         write_object(out, member("count", 3), member("null", nullptr));
                     }));
    };
    for (const int indent : {-1, 0, 2, 4}) {
        const auto [written, dumped] = both(write, indent);
        CHECK(written == dumped);
    }
    CHECK(both(write).first ==
          R"({"text":"x","whole":10,"half":0.5,"absent":null,"list":["a","b"],"empty":[],)"
          R"("flag":true,"nested":{"count":3,"null":null}})");
}

TEST_CASE("answer values are written as their dump", "[json_writer]") {
    for (const auto& value :
         {nlohmann::json(true), nlohmann::json(nullptr), nlohmann::json(-3), nlohmann::json(7u),
          nlohmann::json(2.5), nlohmann::json("api"), nlohmann::json("caf\xc3\xa9 \"q\""),
          nlohmann::json::array({1, "x"}), nlohmann::json::object({{"k", 1}, {"a", {true}}})}) {
        for (const int indent : {-1, 2}) {
            std::string text;
            JsonTextWriter writer(text, indent);
            writer.begin_array();
            writer.value(value);
            writer.end_array();
            CHECK(text == nlohmann::json::array({value}).dump(indent));
            JsonBuilder builder;
            builder.begin_array();
            builder.value(value);
            builder.end_array();
            CHECK(builder.take().dump(indent) == text);
        }
    }
}
