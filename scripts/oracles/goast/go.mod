module goast

go 1.19
