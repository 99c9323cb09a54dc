#include "util/batch.h"

#include <gtest/gtest.h>

#include <sstream>

namespace chokepoint {
namespace {

std::vector<BatchItem> ReadAll(const std::string& text, bool sd, size_t chunk, size_t* bytes,
                               size_t* empty) {
  std::istringstream in(text);
  RecordReader reader(in, sd);
  std::vector<BatchItem> all, part;
  while (reader.Next(chunk, part, bytes, empty))
    for (auto& p : part) all.push_back(std::move(p));
  return all;
}

// Error messages quote line numbers: blank lines count, CRs from Windows files go.
TEST(RecordReader, LinesKeepTheirNumbersAcrossBlankLinesAndChunks) {
  size_t bytes = 0, empty = 0;
  auto items = ReadAll("a\r\n\n  \nb\nc", false, 2, &bytes, &empty);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].line, 1);
  EXPECT_EQ(items[0].text, "a");
  EXPECT_EQ(items[1].line, 4);
  EXPECT_EQ(items[2].line, 5);
  EXPECT_EQ(empty, 2u);
  EXPECT_EQ(bytes, 11u);  // the 10 bytes, and a newline counted for the last line, which has none
}

// A run of blank lines longer than a chunk does not end the input early.
TEST(RecordReader, ManyBlankLinesDoNotEndTheInput) {
  size_t bytes = 0, empty = 0;
  auto items = ReadAll(std::string(1000, '\n') + "x\n", false, 4, &bytes, &empty);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].line, 1001);
}

// SD files: one record per "$$$$", numbered by its first line.
TEST(RecordReader, SdRecordsAreSplitAtDollarLines) {
  size_t bytes = 0, empty = 0;
  auto items = ReadAll("m1\nbody\n$$$$\nm2\n$$$$\n", true, 10, &bytes, &empty);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].text, "m1\nbody\n");
  EXPECT_EQ(items[1].line, 4);
}

TEST(ParallelFor, VisitsEveryIndexOnce) {
  std::vector<std::atomic<int>> seen(1000);
  ParallelFor(seen.size(), 4, [&](size_t i) { ++seen[i]; });
  for (const auto& s : seen) EXPECT_EQ(s.load(), 1);
}

TEST(WorkerThreads, ZeroMeansEveryCore) {
  EXPECT_EQ(WorkerThreads(3), 3);
  EXPECT_GE(WorkerThreads(0), 1);
}

}  // namespace
}  // namespace chokepoint
