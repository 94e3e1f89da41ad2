import streamlit as st

st.title("Hello")
st.write("This app's Dockerfile follows every essential.")
