# The benchmark's programs (included by the Makefile; `make bench` runs bench/run.sh).
#   build/bench-gen   writes the benchmark database (links the project's library objects)
#   build/bench-lat   unloaded latency right after a write, over one keep-alive connection

.PHONY: bench-tools
bench-tools: $(BUILD)/bench-gen $(BUILD)/bench-lat

$(BUILD)/bench-gen: $(BUILD)/bench/gen.o $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench-lat: $(BUILD)/bench/lat.o
	$(CC) $(LDFLAGS) -o $@ $^
